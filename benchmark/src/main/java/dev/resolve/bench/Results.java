package dev.resolve.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything one run of the benchmark measured; written as the JSON file, and the Markdown report is made of it. */
record Results(String generatedAt, String commandLine, double runSeconds, Machine machine, Settings settings,
        Map<String, PhaseRun> phaseRuns, PgbenchPhase pgbench, IntakePhase intake, SuitePhase suite, DrainPhase drain, AuditPhase audit,
        List<Target> targets, List<String> warnings) {

    /** The results a run wrote as JSON (files of runs before a member was added read it as null or 0). */
    static Results read(Path json) throws IOException {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(json.toFile(), Results.class);
    }

    /** Whether this run has figures of {@code phase}. */
    boolean measured(BenchOptions.Phase phase) {
        return switch (phase) {
            case PGBENCH -> pgbench != null;
            case INTAKE -> intake != null;
            case SUITE -> suite != null;
            case DRAIN -> drain != null;
            case AUDIT -> audit != null;
        };
    }

    /** The run that measured this run's figures of {@code phase}: itself, unless it kept them from an earlier one. */
    PhaseRun runOf(BenchOptions.Phase phase) {
        PhaseRun run = phaseRuns == null ? null : phaseRuns.get(phase.label());
        return run != null ? run : new PhaseRun(generatedAt, commandLine);
    }

    /**
     * The run that measured a phase's figures (keyed by phase label): this one, or, with --keep-other-phases, the
     * earlier run whose JSON file they were kept from.
     */
    record PhaseRun(String generatedAt, String commandLine) {
    }

    /** The machine and the software versions. */
    record Machine(int cpus, String cpuModel, long memoryMb, String os, String java, String postgres, String kafka,
            String gatling, String pgbenchClient) {
    }

    /** The options of the run. */
    record Settings(int rate, double durationSeconds, double warmUpSeconds, int backlog, int pgbenchClients,
            double pgbenchSeconds, int intakeConnections, double intakeSeconds, int auditBacklog, int auditChain,
            List<String> jvmOptions,
            List<String> phases, String workDirectory) {
    }

    /** pgbench with intake's SQL, and PostgreSQL's CPU time per transaction. */
    record PgbenchPhase(Pgbench.Result result, Double postgresCpuMsPerTx) {
    }

    /** intake-service alone under a closed model. */
    record IntakePhase(int connections, double seconds, GatlingRun.RequestStats load, double requestsPerSecond,
            Double ratioToPgbench, List<ProcessUsage> processes, String gatlingReport) {
    }

    /** The whole suite at a constant offered rate. */
    record SuitePhase(int offeredRate, double seconds, GatlingRun.RequestStats load, double okPerSecond,
            List<FlowLags.FlowLag> flowLags, Map<String, ConsumerLag> consumerLag, List<ProcessUsage> processes,
            double settleSeconds, boolean settled, Series series, String gatlingReport) {
    }

    /** A consumer group's lag during the measured load: the largest (and 95th percentile of the samples). */
    record ConsumerLag(Long maxMs, Long p95Ms, Long maxRecords, int samples) {
    }

    /**
     * A process' CPU time and memory over a window. CPU per request is over the load and the settling after it (the
     * work the measured requests caused); average CPU (100 = one core busy) and memory over the load alone.
     */
    record ProcessUsage(String process, double cpuMs, Double cpuMsPerRequest, double avgCpuPercent, double peakRssMb,
            double avgRssMb) {
    }

    /** The samples as compact series, one entry per second; t is seconds since the measured load began. */
    record Series(List<Double> t, List<String> stage, Map<String, List<Long>> lagMs, Map<String, List<Long>> lagRecords,
            Map<String, List<Long>> outboxBacklog, Map<String, List<Double>> cpuPercent, Map<String, List<Double>> rssMb) {
    }

    /** The backlog drains. */
    record DrainPhase(int backlog, List<Drains.Drain> drains, Series series) {
    }

    /**
     * The audit phase: the backlog produced onto Kafka, audit-service's drain of it (its append rate), the chain
     * brought to its length with COPY, and the calls that walk the whole chain (sign, verify twice, export).
     */
    record AuditPhase(AuditBench.Backlog backlog, Drains.Drain append, AuditBench.ChainFill chain,
            List<AuditBench.Walk> walks) {

        /** The walk named {@code what}, or null. */
        AuditBench.Walk walk(String what) {
            return walks.stream().filter(w -> w.what().equals(what)).findFirst().orElse(null);
        }
    }

    /**
     * One target of the event-pipe issue: what it asks, what was measured, measured ÷ goal, measured ÷ the same
     * run's pgbench figure (tx/s for rates, p99 latency for latencies) and the verdict: PASS, FAIL, "not run", or
     * "reduced run" when the figure meets the goal but the run was smaller than the target asks for.
     */
    record Target(String target, String goal, String measured, Double vsGoal, Double vsPgbench, String result, String note) {
    }
}
