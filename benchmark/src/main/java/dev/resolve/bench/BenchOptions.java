package dev.resolve.bench;

import dev.resolve.launcher.CommandLine;
import dev.resolve.launcher.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The command line of {@code ./resolve-bench}. */
record BenchOptions(boolean help, int rate, Duration duration, Duration warmUp, int backlog, int pgbenchClients,
        Duration pgbenchDuration, int intakeConnections, Duration intakeDuration, Duration settle, Duration drainTimeout,
        int auditBacklog, int auditChain, Set<Phase> phases, List<String> jvmOptions, Path out, Path json, boolean keepData,
        String pgbench, boolean keepOtherPhases) {

    /** The benchmark's phases, in the order they run. */
    enum Phase {
        PGBENCH, INTAKE, SUITE, DRAIN, AUDIT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The services' JVM options unless {@code --jvm-options} says otherwise: production settings with both JIT
     * compilers (C2 included, unlike ./resolve-local's quick-start -XX:TieredStopAtLevel=1) and bounded memory, so that
     * a service stays within 320 MB resident: a 192 MB heap with the serial collector (the lowest footprint and CPU
     * overhead on two cores, short pauses on a heap this small), metaspace and code cache capped, 512 KB thread stacks.
     */
    static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx192m",
            "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

    static BenchOptions defaults() {
        return new BenchOptions(false, 500, Duration.ofMinutes(3), Duration.ofMinutes(3), 100_000, 16,
                Duration.ofSeconds(30), 16, Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(15),
                100_000, 1_000_000, EnumSet.allOf(Phase.class), PRODUCTION_JVM_OPTIONS, Path.of("docs/PERFORMANCE.md"),
                Path.of("docs/performance/latest.json"), false, "pgbench", false);
    }

    static BenchOptions parse(String... args) {
        BenchOptions o = defaults();
        boolean help = false;
        int rate = o.rate;
        Duration duration = o.duration;
        Duration warmUp = o.warmUp;
        int backlog = o.backlog;
        int pgbenchClients = o.pgbenchClients;
        Duration pgbenchDuration = o.pgbenchDuration;
        int intakeConnections = o.intakeConnections;
        Duration intakeDuration = o.intakeDuration;
        Duration settle = o.settle;
        Duration drainTimeout = o.drainTimeout;
        int auditBacklog = o.auditBacklog;
        int auditChain = o.auditChain;
        boolean keepOtherPhases = o.keepOtherPhases;
        Set<Phase> phases = o.phases;
        List<String> jvmOptions = o.jvmOptions;
        Path out = o.out;
        Path json = o.json;
        boolean keepData = o.keepData;
        String pgbench = o.pgbench;
        for (int i = 0; i < args.length; i++) {
            CommandLine.Argument argument = CommandLine.split(args[i]);
            String arg = argument.name();
            String value = argument.value();
            switch (arg) {
                case "-h", "--help" -> help = true;
                case "--keep-data" -> keepData = true;
                case "--keep-other-phases" -> keepOtherPhases = true;
                case "--rate" -> rate = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--duration" -> duration = duration(arg, value != null ? value : next(args, ++i, arg));
                case "--warmup" -> warmUp = Durations.parse(value != null ? value : next(args, ++i, arg));
                case "--backlog" -> backlog = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--pgbench-clients" -> pgbenchClients = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--pgbench-duration" -> pgbenchDuration = duration(arg, value != null ? value : next(args, ++i, arg));
                case "--intake-connections" -> intakeConnections = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--intake-duration" -> intakeDuration = duration(arg, value != null ? value : next(args, ++i, arg));
                case "--settle" -> settle = Durations.parse(value != null ? value : next(args, ++i, arg));
                case "--drain-timeout" -> drainTimeout = duration(arg, value != null ? value : next(args, ++i, arg));
                case "--audit-backlog" -> auditBacklog = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--audit-chain" -> auditChain = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--phases" -> phases = phases(value != null ? value : next(args, ++i, arg));
                case "--jvm-options" -> jvmOptions = Arrays.stream((value != null ? value : next(args, ++i, arg)).trim().split("\\s+"))
                        .filter(option -> !option.isEmpty()).toList();
                case "--out" -> out = Path.of(value != null ? value : next(args, ++i, arg));
                case "--json" -> json = Path.of(value != null ? value : next(args, ++i, arg));
                case "--pgbench" -> pgbench = value != null ? value : next(args, ++i, arg);
                default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
            }
        }
        return new BenchOptions(help, rate, duration, warmUp, backlog, pgbenchClients, pgbenchDuration, intakeConnections,
                intakeDuration, settle, drainTimeout, auditBacklog, auditChain, phases, jvmOptions, out, json, keepData,
                pgbench, keepOtherPhases);
    }

    boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    /**
     * These options with the settings of the phases in {@code carried} (which this run does not measure) as an earlier
     * run had them, and its phases and theirs: what the carried-over figures are to be judged and described by.
     */
    BenchOptions withEarlierSettings(Results.Settings earlier, Set<Phase> carried) {
        boolean pgbenchCarried = carried.contains(Phase.PGBENCH);
        boolean intakeCarried = carried.contains(Phase.INTAKE);
        boolean suiteCarried = carried.contains(Phase.SUITE);
        boolean drainCarried = carried.contains(Phase.DRAIN);
        boolean auditCarried = carried.contains(Phase.AUDIT) && earlier.auditChain() > 0;
        Set<Phase> all = EnumSet.copyOf(phases);
        all.addAll(carried);
        return new BenchOptions(help, suiteCarried ? earlier.rate() : rate,
                suiteCarried ? seconds(earlier.durationSeconds()) : duration,
                suiteCarried || (intakeCarried && !runs(Phase.SUITE)) ? seconds(earlier.warmUpSeconds()) : warmUp,
                drainCarried ? earlier.backlog() : backlog,
                pgbenchCarried ? earlier.pgbenchClients() : pgbenchClients,
                pgbenchCarried ? seconds(earlier.pgbenchSeconds()) : pgbenchDuration,
                intakeCarried ? earlier.intakeConnections() : intakeConnections,
                intakeCarried ? seconds(earlier.intakeSeconds()) : intakeDuration, settle, drainTimeout,
                auditCarried ? earlier.auditBacklog() : auditBacklog, auditCarried ? earlier.auditChain() : auditChain,
                all, jvmOptions, out, json, keepData, pgbench, keepOtherPhases);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (number <= 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive whole number, not '" + value + "'");
        }
    }

    private static Duration duration(String option, String value) {
        Duration duration = Durations.parse(value);
        if (duration.toSeconds() < 1) {
            throw new IllegalArgumentException(option + " needs at least 1s, not '" + value + "'");
        }
        return duration;
    }

    private static Set<Phase> phases(String value) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        List<String> unknown = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim().toUpperCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                phases.add(Phase.valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                unknown.add(name.trim());
            }
        }
        if (!unknown.isEmpty() || phases.isEmpty()) {
            throw new IllegalArgumentException("--phases takes a list of pgbench, intake, suite, drain, audit; not '" + value
                    + "'");
        }
        return phases;
    }

    static String usage() {
        return """
                Usage: ./resolve-bench [options]

                Benchmarks Resolve on this machine and writes docs/PERFORMANCE.md and docs/performance/latest.json.
                Phases: pgbench (intake's SQL straight on PostgreSQL), intake (intake-service alone, closed model),
                suite (all five services at a constant request rate), drain (outbox relay and consumer backlogs),
                audit (audit-service's append rate, and verifying and exporting a chain of a million entries).

                  --rate <n>                 requests per second offered to the whole suite (default 500)
                  --duration <d>             how long the suite is loaded at that rate (default 180s)
                  --warmup <d>               warm-up before the intake and suite measurements (default 3m)
                  --backlog <n>              outbox rows / events in the drain phase (default 100000)
                  --audit-backlog <n>        events audit-service appends in the audit phase (default 100000)
                  --audit-chain <n>          entries of the chain the audit phase verifies and exports (default
                                             1000000)
                  --pgbench-clients <n>      pgbench clients (default 16)
                  --pgbench-duration <d>     how long pgbench runs (default 30s)
                  --intake-connections <n>   concurrent users (connections) on intake alone (default 16)
                  --intake-duration <d>      how long intake alone is measured (default 60s)
                  --settle <d>               longest wait for the suite to catch up after the load (default 120s)
                  --drain-timeout <d>        longest wait for one backlog drain, and for one call that walks the
                                             audit chain (default 900s)
                  --phases <list>            a subset of pgbench,intake,suite,drain,audit (default: all)
                  --keep-other-phases        keep the figures of the phases not run from the JSON file (--json) an
                                             earlier run wrote, with the time and command of that run, and write
                                             the report with both (default: a report of this run's phases only)
                  --jvm-options "<options>"  the services' JVM options (default: production settings, see
                                             docs/PERFORMANCE.md)
                  --out <file>               the Markdown report (default docs/PERFORMANCE.md; relative paths are
                                             relative to the repository)
                  --json <file>              the JSON results (default docs/performance/latest.json)
                  --keep-data                keep each phase's databases, Kafka data and service logs next to the
                                             Gatling reports in benchmark/target/resolve-bench/<time>/ (default:
                                             temporary directories, deleted)
                  --pgbench <path>           the pgbench binary (default: pgbench on the PATH)
                  --rebuild                  build first (mvn -B -q -Pbench package -DskipTests), even if built
                  --help                     this text

                Durations are like 180s, 3m or 500ms. It is a benchmark, not a test: CI does not run it.
                """;
    }
}
