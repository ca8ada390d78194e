package dev.resolve.bench;

import java.util.List;
import java.util.Map;

/** Everything one run of the benchmark measured; written as the JSON file, and the Markdown report is made of it. */
record Results(String generatedAt, String commandLine, double runSeconds, Machine machine, Settings settings,
        PgbenchPhase pgbench, IntakePhase intake, SuitePhase suite, DrainPhase drain, List<Target> targets,
        List<String> warnings) {

    /** The machine and the software versions. */
    record Machine(int cpus, String cpuModel, long memoryMb, String os, String java, String postgres, String kafka,
            String gatling, String pgbenchClient) {
    }

    /** The options of the run. */
    record Settings(int rate, double durationSeconds, double warmUpSeconds, int backlog, int pgbenchClients,
            double pgbenchSeconds, int intakeConnections, double intakeSeconds, List<String> jvmOptions,
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
     * One target of the event-pipe issue: what it asks, what was measured, measured ÷ goal, measured ÷ the same
     * run's pgbench figure (tx/s for rates, p99 latency for latencies) and the verdict: PASS, FAIL, "not run", or
     * "reduced run" when the figure meets the goal but the run was smaller than the target asks for.
     */
    record Target(String target, String goal, String measured, Double vsGoal, Double vsPgbench, String result, String note) {
    }
}
