package dev.resolve.bench;

import dev.resolve.launcher.Durations;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.resolve.bench.BenchOptions.Phase;
import dev.resolve.bench.gatling.IntakeCapacitySimulation;
import dev.resolve.bench.gatling.RequestBodies;
import dev.resolve.bench.gatling.SuiteLoadSimulation;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider;
import dev.resolve.launcher.LocalSuite;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code ./resolve-bench}: pgbench, intake alone, the whole suite under load and backlog drains; writes the report. */
public final class ResolveBench {

    // Each phase runs on its own LocalSuite; the results go to docs/PERFORMANCE.md and a JSON file.

    private static final List<String> CONSUMERS = List.of("case-service", "audit-service", "metrics-service");

    private final BenchOptions options;
    private final Path repository;
    private final Path work;
    private final String commandLine;
    private final List<String> warnings = new ArrayList<>();
    /** The suites of this run: Ctrl-C stops them (their processes are in their own sessions and would not hear it). */
    private final Set<LocalSuite> running = ConcurrentHashMap.newKeySet();
    private String postgresVersion;
    private String pgbenchVersion;

    private ResolveBench(BenchOptions options, Path repository, Path work, String commandLine) {
        this.options = options;
        this.repository = repository;
        this.work = work;
        this.commandLine = commandLine;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("resolve-bench: " + e.getMessage());
            System.err.println("Try ./resolve-bench --help");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchOptions.usage());
            return;
        }
        Path repository = LocalSuite.defaultRepositoryRoot();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path work = repository.resolve("benchmark/target/resolve-bench").resolve(stamp);
        String commandLine = ("./resolve-bench " + String.join(" ", quoted(args))).trim();
        ResolveBench bench = new ResolveBench(options, repository, work, commandLine);
        int exit = bench.run();
        System.exit(exit);
    }

    private int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(LocalSuite::close), "resolve-bench-stop"));
        long begin = System.nanoTime();
        Instant started = Instant.now();
        say("Resolve benchmark: " + commandLine);
        say("  phases " + options.phases().stream().map(Phase::label).toList() + "; services' JVM options: "
                + String.join(" ", options.jvmOptions()));
        say("  Gatling reports, pgbench logs" + (options.keepData() ? ", data and service logs" : "") + " go to " + work);
        Results.PgbenchPhase pgbench = null;
        Results.IntakePhase intake = null;
        Results.SuitePhase suite = null;
        Results.DrainPhase drain = null;
        Results.AuditPhase audit = null;
        if (options.runs(Phase.PGBENCH) || options.runs(Phase.INTAKE)) {
            Results.PgbenchPhase[] pg = new Results.PgbenchPhase[1];
            Results.IntakePhase[] in = new Results.IntakePhase[1];
            phase("pgbench and intake alone", () -> pgbenchAndIntake(pg, in));
            pgbench = pg[0];
            intake = in[0];
        }
        if (options.runs(Phase.SUITE)) {
            Results.SuitePhase[] result = new Results.SuitePhase[1];
            phase("whole suite", () -> result[0] = wholeSuite());
            suite = result[0];
        }
        if (options.runs(Phase.DRAIN)) {
            Results.DrainPhase[] result = new Results.DrainPhase[1];
            phase("drains", () -> result[0] = drains());
            drain = result[0];
        }
        if (options.runs(Phase.AUDIT)) {
            Results.AuditPhase[] result = new Results.AuditPhase[1];
            phase("audit", () -> result[0] = audit());
            audit = result[0];
        }
        double runSeconds = (System.nanoTime() - begin) / 1e9;
        String generatedAt = started.truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Results.PhaseRun> phaseRuns = new LinkedHashMap<>();
        Results.PhaseRun thisRun = new Results.PhaseRun(generatedAt, commandLine);
        options.phases().forEach(phase -> phaseRuns.put(phase.label(), thisRun));
        BenchOptions effective = options;
        List<String> earlierWarnings = new ArrayList<>();
        Results earlier = options.keepOtherPhases() ? earlierResults() : null;
        if (earlier != null) {
            Set<Phase> carried = java.util.EnumSet.noneOf(Phase.class);
            for (Phase phase : Phase.values()) {
                if (options.runs(phase) || !earlier.measured(phase)) {
                    continue;
                }
                carried.add(phase);
                phaseRuns.put(phase.label(), earlier.runOf(phase));
                switch (phase) {
                    case PGBENCH -> pgbench = earlier.pgbench();
                    case INTAKE -> intake = earlier.intake();
                    case SUITE -> suite = earlier.suite();
                    case DRAIN -> drain = earlier.drain();
                    case AUDIT -> audit = earlier.audit();
                }
            }
            if (!carried.isEmpty()) {
                effective = options.withEarlierSettings(earlier.settings(), carried);
                say("Kept the figures of " + carried.stream().map(Phase::label).toList() + " from " + options.json());
                if (!earlier.settings().jvmOptions().equals(options.jvmOptions())) {
                    warn("the kept phases ran with other JVM options: " + String.join(" ", earlier.settings().jvmOptions()));
                }
                if (pgbenchVersion == null) {
                    pgbenchVersion = earlier.machine().pgbenchClient();
                }
                if (postgresVersion == null) {
                    postgresVersion = earlier.machine().postgres();
                }
                earlier.warnings().forEach(w -> earlierWarnings.add("(run of " + earlier.generatedAt() + ") " + w));
            }
        }
        // The work directory named in the report is where the Gatling reports and pgbench logs are.
        boolean gatlingRunKept = earlier != null && !options.runs(Phase.PGBENCH) && !options.runs(Phase.INTAKE)
                && !options.runs(Phase.SUITE) && (earlier.measured(Phase.PGBENCH) || earlier.measured(Phase.INTAKE)
                        || earlier.measured(Phase.SUITE));
        Results.Machine machine = MachineInfo.describe(postgresVersion, AppInfoParser.getVersion(), pgbenchVersion);
        Results.Settings settings = new Results.Settings(effective.rate(), effective.duration().toMillis() / 1000.0,
                effective.warmUp().toMillis() / 1000.0, effective.backlog(), effective.pgbenchClients(),
                effective.pgbenchDuration().toMillis() / 1000.0, effective.intakeConnections(),
                effective.intakeDuration().toMillis() / 1000.0, effective.auditBacklog(), effective.auditChain(),
                effective.jvmOptions(), effective.phases().stream().map(Phase::label).toList(),
                gatlingRunKept ? earlier.settings().workDirectory() : display(work));
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(earlierWarnings);
        Results results = new Results(generatedAt, commandLine, SampleMath.round(runSeconds, 1), machine, settings,
                phaseRuns, pgbench, intake, suite, drain, audit,
                Targets.evaluate(effective, pgbench, intake, suite, drain, audit), List.copyOf(allWarnings));
        write(results);
        System.out.println();
        System.out.print(Report.summary(results));
        return warnings.isEmpty() ? 0 : 1;
    }

    /** The results the JSON file (--json) holds, from an earlier run; null (with a warning) when it cannot be read. */
    private Results earlierResults() {
        Path json = repository.resolve(options.json());
        if (!Files.isRegularFile(json)) {
            warn("--keep-other-phases: there is no " + json + " to keep figures from");
            return null;
        }
        try {
            return Results.read(json);
        } catch (IOException | RuntimeException e) {
            warn("--keep-other-phases: " + json + " could not be read (" + e.getMessage() + "); nothing kept");
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------------ phases

    private void pgbenchAndIntake(Results.PgbenchPhase[] pgbench, Results.IntakePhase[] intake) throws Exception {
        try (LocalSuite suite = suite("intake", List.of("intake-service"))) {
            postgresVersion = postgresVersion(suite);
            if (options.runs(Phase.PGBENCH)) {
                pgbench[0] = pgbench(suite);
            }
            if (options.runs(Phase.INTAKE)) {
                intake[0] = intakeAlone(suite, pgbench[0]);
            }
        }
    }

    private Results.PgbenchPhase pgbench(LocalSuite suite) {
        String binary = options.pgbench();
        pgbenchVersion = MachineInfo.pgbenchVersion(binary);
        if (pgbenchVersion == null) {
            warn("pgbench phase skipped: no pgbench binary '" + binary + "' (install PostgreSQL's client tools, or give"
                    + " --pgbench <path>)");
            return null;
        }
        say(String.format(Locale.ROOT, "pgbench: intake's SQL, %d clients, %s", options.pgbenchClients(),
                Durations.format(options.pgbenchDuration())));
        long postgres = suite.postgresPid().orElseThrow();
        double cpuBefore = ProcStats.tree(postgres).cpuMs();
        Pgbench.Result result = Pgbench.run(binary, suite.jdbcUrl("intake-service"), suite.postgresPort(), "intake_service",
                options.pgbenchClients(), options.pgbenchDuration(), work.resolve("pgbench"), this::say);
        double cpu = ProcStats.tree(postgres).cpuMs() - cpuBefore;
        say(String.format(Locale.ROOT, "  %.0f tx/s, latency p50 %s, p99 %s ms", result.tps(),
                Report.ms(result.latencyMs().p50()), Report.ms(result.latencyMs().p99())));
        return new Results.PgbenchPhase(result, result.transactions() > 0 ? cpu / result.transactions() : null);
    }

    private Results.IntakePhase intakeAlone(LocalSuite suite, Results.PgbenchPhase pgbench) throws Exception {
        say(String.format(Locale.ROOT, "intake alone: %d concurrent users (closed model), warm-up %s, then %s",
                options.intakeConnections(), Durations.format(options.warmUp()), Durations.format(options.intakeDuration())));
        try (KafkaLag kafka = new KafkaLag(suite.kafkaBootstrapServers());
                Sampler sampler = new Sampler(suite, kafka).start()) {
            Map<String, String> properties = loadProperties(suite, 0, options.intakeConnections(), options.intakeDuration());
            GatlingRun.Outcome outcome = GatlingRun.run(IntakeCapacitySimulation.class.getName(), properties,
                    work.resolve("gatling-intake"), gatlingTimeout(options.intakeDuration()), this::say, sampler::gatling);
            sampler.sampleNow();
            GatlingRun.RequestStats load = outcome.request("log request");
            double seconds = options.intakeDuration().toMillis() / 1000.0;
            double perSecond = load.ok() / seconds;
            long loadStart = outcome.startedAtMillis() + options.warmUp().toMillis();
            List<Results.ProcessUsage> usage = SampleMath.usage(sampler.samples(), loadStart, outcome.endedAtMillis(),
                    outcome.endedAtMillis(), load.ok());
            Double ratio = pgbench == null ? null : perSecond / pgbench.result().tps();
            say(String.format(Locale.ROOT, "  %.0f requests/s (%d OK, %d KO), p50 %s, p99 %s ms%s", perSecond, load.ok(),
                    load.ko(), Report.ms(load.responseTimeMs().p50()), Report.ms(load.responseTimeMs().p99()),
                    ratio == null ? "" : String.format(Locale.ROOT, "; %.0f%% of pgbench", ratio * 100)));
            if (load.ko() > 0) {
                warn("intake alone: " + load.ko() + " requests failed; see " + outcome.reportDirectory());
            }
            return new Results.IntakePhase(options.intakeConnections(), seconds, load, perSecond, ratio, usage,
                    display(outcome.reportDirectory()));
        }
    }

    private Results.SuitePhase wholeSuite() throws Exception {
        try (LocalSuite suite = suite("suite", LocalSuite.ALL_SERVICES)) {
            if (postgresVersion == null) {
                postgresVersion = postgresVersion(suite);
            }
            say(String.format(Locale.ROOT, "whole suite: %d requests/s offered (open model), warm-up %s, then %s",
                    options.rate(), Durations.format(options.warmUp()), Durations.format(options.duration())));
            try (KafkaLag kafka = new KafkaLag(suite.kafkaBootstrapServers());
                    Sampler sampler = new Sampler(suite, kafka)) {
                sampler.stage("warm-up");
                sampler.start();
                Map<String, String> properties = loadProperties(suite, options.rate(), 0, options.duration());
                GatlingRun.Outcome outcome = GatlingRun.run(SuiteLoadSimulation.class.getName(), properties,
                        work.resolve("gatling-suite"), gatlingTimeout(options.duration()), this::say, sampler::gatling);
                long loadStart = outcome.startedAtMillis() + options.warmUp().toMillis();
                long loadEnd = outcome.endedAtMillis();
                sampler.stage("settle");
                long settleStart = System.nanoTime();
                boolean settled = settle(sampler);
                double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
                sampler.sampleNow();
                long settleEnd = System.currentTimeMillis();
                sampler.close();
                say(String.format(Locale.ROOT, "  %s after %.1f s", settled ? "caught up" : "still behind", settleSeconds));
                if (!settled) {
                    warn("whole suite: the event pipe had not caught up " + Durations.format(options.settle())
                            + " after the load (lags count the requests it never reached as not reached)");
                }
                List<Sampler.Sample> samples = relabel(sampler.samples(), loadStart, loadEnd);
                GatlingRun.RequestStats load = outcome.request("log request");
                double seconds = options.duration().toMillis() / 1000.0;
                List<FlowLags.FlowLag> flow = FlowLags.measure(suite, RequestBodies.MEASURED);
                Map<String, Results.ConsumerLag> lags = SampleMath.consumerLag(samples, loadStart, loadEnd);
                List<Results.ProcessUsage> usage = SampleMath.usage(samples, loadStart, loadEnd, settleEnd, load.ok());
                FlowLags.FlowLag toCase = FlowLags.byName(flow).get(FlowLags.REQUEST_TO_CASE);
                say(String.format(Locale.ROOT, "  %.1f requests/s OK (%d OK, %d KO), intake p99 %s ms, request → case p99 %s ms",
                        load.ok() / seconds, load.ok(), load.ko(), Report.ms(load.responseTimeMs().p99()),
                        Report.ms(toCase.lagMs().p99())));
                if (load.ko() > 0) {
                    warn("whole suite: " + load.ko() + " requests failed; see " + outcome.reportDirectory());
                }
                return new Results.SuitePhase(options.rate(), seconds, load, load.ok() / seconds, flow, lags, usage,
                        SampleMath.round(settleSeconds, 1), settled, SampleMath.series(samples, loadStart),
                        display(outcome.reportDirectory()));
            }
        }
    }

    /** Waits until every outbox is empty and every group's lag is 0 in two samples in a row, at most --settle. */
    private boolean settle(Sampler sampler) {
        long deadline = System.nanoTime() + options.settle().toNanos();
        int clean = 0;
        while (System.nanoTime() < deadline) {
            Sampler.Sample sample = sampler.sampleNow();
            boolean caughtUp = sample.lagRecords().size() == KafkaLag.GROUP_TOPICS.size()
                    && sample.lagRecords().values().stream().allMatch(lag -> lag == 0)
                    && sample.outboxBacklog().size() == Sampler.EMITTERS.size()
                    && sample.outboxBacklog().values().stream().allMatch(rows -> rows == 0);
            clean = caughtUp ? clean + 1 : 0;
            if (clean >= 2) {
                return true;
            }
            sleep(1_000);
        }
        return false;
    }

    /** The stage of each sample by its time: warm-up before the load, load, then settle. */
    private static List<Sampler.Sample> relabel(List<Sampler.Sample> samples, long loadStart, long loadEnd) {
        return samples.stream().map(s -> new Sampler.Sample(s.atMillis(),
                s.atMillis() < loadStart ? "warm-up" : s.atMillis() <= loadEnd ? "load" : "settle",
                s.lagRecords(), s.lagMs(), s.outboxBacklog(), s.cpuMs(), s.rssMb())).toList();
    }

    private Results.DrainPhase drains() throws Exception {
        List<Drains.Drain> drains = new ArrayList<>();
        try (LocalSuite suite = suite("drain", List.of("intake-service"))) {
            if (postgresVersion == null) {
                postgresVersion = postgresVersion(suite);
            }
            try (KafkaLag kafka = new KafkaLag(suite.kafkaBootstrapServers());
                    Sampler sampler = new Sampler(suite, kafka)) {
                long zero = System.currentTimeMillis();
                sampler.stage("outbox relay");
                sampler.start();
                say(String.format(Locale.ROOT, "drain: outbox relay, %,d rows", options.backlog()));
                Drains.Drain relay = Drains.relay(suite, options.backlog(), options.drainTimeout(), this::say);
                drains.add(report(relay));
                for (String consumer : CONSUMERS) {
                    sampler.stage(consumer);
                    say("drain: " + consumer);
                    Drains.Drain drain = Drains.consumer(suite, kafka, consumer, options.drainTimeout(), this::say);
                    drains.add(report(drain));
                    if ("case-service".equals(consumer)) {
                        long unsent = Drains.awaitOutboxEmpty(suite, consumer, options.drainTimeout());
                        if (unsent > 0) {
                            warn("drain: case-service still had " + unsent + " CaseOpened rows unsent; audit-service and"
                                    + " metrics-service drained fewer events");
                        }
                    }
                    suite.stopService(consumer);
                }
                sampler.stage("done");
                sampler.close();
                return new Results.DrainPhase(options.backlog(), drains, SampleMath.series(sampler.samples(), zero));
            }
        }
    }

    /**
     * audit-service alone: the suite's events produced onto Kafka while it is stopped, its drain of them timed as the
     * drain phase times it (its append rate), then the chain brought to --audit-chain entries with COPY and walked by
     * the API: a checkpoint signed, the chain verified twice, exported once.
     */
    private Results.AuditPhase audit() throws Exception {
        // No scheduled checkpoint while measuring (it walks the chain from the last one, and would run alongside the
        // timed calls); the per-caller limit of those calls lifted like the write limit (capacity, not limits).
        Map<String, String> properties = Map.of(
                "resolve.audit.checkpoint.interval", "1h",
                "resolve.audit.heavy-reads.per-minute", "600",
                "resolve.audit.heavy-reads.burst", "100");
        try (LocalSuite suite = suite("audit", List.of(AuditBench.SERVICE), properties)) {
            if (postgresVersion == null) {
                postgresVersion = postgresVersion(suite);
            }
            suite.stopService(AuditBench.SERVICE);
            say(String.format(Locale.ROOT, "audit: %,d events onto Kafka while audit-service is stopped", options.auditBacklog()));
            AuditBench.Backlog backlog = AuditBench.produce(suite.kafkaBootstrapServers(), options.auditBacklog(), this::say);
            Drains.Drain append;
            try (KafkaLag kafka = new KafkaLag(suite.kafkaBootstrapServers())) {
                say("audit: audit-service appends them to its chain");
                append = report(Drains.consumer(suite, kafka, AuditBench.SERVICE, options.drainTimeout(), this::say));
            }
            if (!append.complete()) {
                return new Results.AuditPhase(backlog, append, null, List.of());
            }
            say(String.format(Locale.ROOT, "audit: the chain to %,d entries", options.auditChain()));
            AuditBench.ChainFill chain = AuditBench.fill(suite, options.auditChain(), this::say);
            long length = chain.entriesAfter();
            AuditBench.Api api = new AuditBench.Api(suite, options.drainTimeout());
            List<AuditBench.Walk> walks = new ArrayList<>();
            walks.add(walk(api.sign(length)));
            walks.add(walk(api.verify(AuditBench.VERIFY, length)));
            walks.add(walk(api.verify(AuditBench.VERIFY_AGAIN, length)));
            walks.add(walk(api.export(length)));
            return new Results.AuditPhase(backlog, append, chain, List.copyOf(walks));
        }
    }

    private AuditBench.Walk walk(AuditBench.Walk walk) {
        say(String.format(Locale.ROOT, "  %s (from %s): %.1f s, %s; audit-service CPU %.1f s, PostgreSQL CPU %.1f s, RSS %.0f →"
                + " peak %.0f → %.0f MB, heap in use at most %s MB", walk.what(), walk.startedAt(), walk.seconds(), walk.outcome(),
                orZero(walk.serviceCpuMs()) / 1000, orZero(walk.postgresCpuMs()) / 1000, orZero(walk.rssBeforeMb()),
                orZero(walk.rssPeakMb()), orZero(walk.rssAfterMb()), walk.heapPeakMb()));
        if (!walk.ok()) {
            warn("audit: " + walk.what() + " did not do what it should: " + walk.outcome());
        }
        return walk;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private Drains.Drain report(Drains.Drain drain) {
        say(String.format(Locale.ROOT, "  %s: %,d of %,d events in %.1f s = %.0f events/s%s", drain.what(), drain.events(),
                drain.expected(), drain.seconds(), drain.eventsPerSecond(), drain.complete() ? "" : " (NOT drained)"));
        if (!drain.complete()) {
            warn("drain: " + drain.what() + " did not drain the backlog within " + Durations.format(options.drainTimeout()));
        }
        return drain;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private LocalSuite suite(String phase, List<String> services) {
        return suite(phase, services, Map.of());
    }

    /** A suite of {@code services}; {@code properties} are system properties for each of them. */
    private LocalSuite suite(String phase, List<String> services, Map<String, String> properties) {
        LocalSuite.Builder builder = LocalSuite.builder()
                .repositoryRoot(repository)
                .portMode(LocalSuite.PortMode.ALL_FREE)
                .services(services)
                .jvmOptions(options.jvmOptions())
                // The load comes from one caller (a billing system): the benchmark measures capacity, not the
                // per-caller write limit, so it lifts that caller's limit above any rate it offers.
                .systemProperty("*", "resolve.rate-limit.role-per-second.billing-system", "1000000")
                .progress(line -> say("  " + line.trim()));
        services.forEach(service -> builder.systemProperties(service, properties));
        if (options.keepData()) {
            builder.dataDirectory(work.resolve(phase + "-data")).fresh(true);
        } else {
            builder.temporaryDataDirectory();
        }
        LocalSuite suite = builder.build();
        running.add(suite);
        suite.start();
        if (services.contains("intake-service")) {
            try {
                ReferenceSeed.customers(suite);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not write the load's customers into intake's database", e);
            }
        }
        return suite;
    }

    private Map<String, String> loadProperties(LocalSuite suite, int rate, int users, Duration duration) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bench.baseUrl", suite.serviceUrl("intake-service").toString());
        properties.put("bench.token", suite.token(new LocalIdentityProvider.Caller("bench-billing-system", null,
                List.of(Roles.BILLING_SYSTEM), null, null), duration.plus(options.warmUp()).plus(Duration.ofHours(1))));
        properties.put("bench.rate", Integer.toString(rate));
        properties.put("bench.users", Integer.toString(users));
        properties.put("bench.warmUpMs", Long.toString(options.warmUp().toMillis()));
        properties.put("bench.durationMs", Long.toString(duration.toMillis()));
        return properties;
    }

    private Duration gatlingTimeout(Duration measured) {
        return options.warmUp().plus(measured).plus(Duration.ofMinutes(5));
    }

    private static String postgresVersion(LocalSuite suite) {
        try (Connection connection = FlowLags.connect(suite, suite.services().get(0));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1);
        } catch (SQLException e) {
            return null;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void phase(String name, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            warn(name + " failed: " + e);
            e.printStackTrace();
        }
    }

    private void write(Results results) {
        Path json = repository.resolve(options.json());
        Path markdown = repository.resolve(options.out());
        try {
            Files.createDirectories(json.toAbsolutePath().getParent());
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            mapper.writeValue(json.toFile(), results);
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            String notes = Files.isRegularFile(markdown) ? Report.notes(Files.readString(markdown, StandardCharsets.UTF_8)) : null;
            String link = markdown.toAbsolutePath().getParent().relativize(json.toAbsolutePath()).toString();
            Files.writeString(markdown, Report.markdown(results, notes, link), StandardCharsets.UTF_8);
            say("Wrote " + markdown + " and " + json);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the results", e);
        }
    }

    /** A path inside the repository relative to it (as it would be on any machine), others as they are. */
    private String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repository) ? repository.relativize(absolute).toString() : absolute.toString();
    }

    private void say(String line) {
        System.out.println(line);
    }

    private void warn(String warning) {
        warnings.add(warning);
        System.out.println("WARNING: " + warning);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static List<String> quoted(String[] args) {
        List<String> quoted = new ArrayList<>();
        for (String arg : args) {
            quoted.add(arg.matches("[A-Za-z0-9_./,:=+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return quoted;
    }
}
