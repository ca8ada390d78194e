package dev.resolve.launcher;

import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code ./resolve-local}: starts the suite with {@link LocalSuite}, prints where everything is and runs until
 * Ctrl-C, which stops the services, Kafka and PostgreSQL in that order.
 */
public final class ResolveLocal {

    /** Environment variable with the services' JVM options, replacing {@link LocalSuite#DEFAULT_JVM_OPTIONS}. */
    static final String JVM_OPTIONS_VARIABLE = "RESOLVE_JVM_OPTIONS";

    private ResolveLocal() {
    }

    /** Parsed command line. {@code dataDirectory} and {@code services} are null when not given. */
    record Options(boolean help, boolean fresh, Path dataDirectory, List<String> services, boolean freePorts) {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            Path data = LocalSuite.defaultRepositoryRoot().resolve(LocalSuite.DEFAULT_DATA_DIRECTORY);
            System.exit(Tokens.run(data, System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("resolve-local: " + e.getMessage());
            System.err.println("Try ./resolve-local --help");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(usage());
            return;
        }
        LocalSuite suite;
        try {
            LocalSuite.Builder builder = LocalSuite.builder();
            Path repository = LocalSuite.defaultRepositoryRoot();
            Path data = options.dataDirectory() != null
                    ? options.dataDirectory().toAbsolutePath().normalize()
                    : repository.resolve(LocalSuite.DEFAULT_DATA_DIRECTORY);
            routeInfrastructureLogs(data.resolve("logs"));
            builder.repositoryRoot(repository)
                    .dataDirectory(data)
                    .fresh(options.fresh())
                    .demoData(true)
                    .portMode(options.freePorts() ? LocalSuite.PortMode.ALL_FREE : LocalSuite.PortMode.FIXED)
                    .progress(System.out::println);
            if (options.services() != null) {
                builder.services(options.services());
            }
            String jvmOptions = System.getenv(JVM_OPTIONS_VARIABLE);
            if (jvmOptions != null) {
                builder.jvmOptions(Arrays.stream(jvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList());
            }
            suite = builder.build();
        } catch (LocalSuiteException | IllegalArgumentException e) {
            System.err.println("resolve-local: " + e.getMessage());
            System.exit(1);
            return;
        }

        Stopper stopper = new Stopper(suite);
        stopper.install();
        System.out.println("Starting Resolve from " + suite.repositoryRoot());
        try {
            suite.start();
        } catch (LocalSuiteException e) {
            if (stopper.requested()) {
                awaitExit();
            }
            stopper.markStopped();
            System.err.println();
            System.err.println("resolve-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        printSummary(suite, System.out);
        awaitExit();
    }

    // ------------------------------------------------------------------------------------------------ command line

    static Options parse(String... args) {
        boolean help = false;
        boolean fresh = false;
        boolean freePorts = false;
        Path data = null;
        List<String> services = null;
        for (int i = 0; i < args.length; i++) {
            CommandLine.Argument argument = CommandLine.split(args[i]);
            String arg = argument.name();
            String value = argument.value();
            switch (arg) {
                case "-h", "--help" -> help = true;
                case "--fresh" -> fresh = true;
                case "--free-ports" -> freePorts = true;
                case "--rebuild" -> {
                    // Handled by the resolve-local script (it builds before starting Java); nothing to do here.
                }
                case "--data-dir" -> {
                    if (value == null) {
                        value = CommandLine.valueAt(args, ++i, arg);
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--data-dir needs a directory");
                    }
                    data = Path.of(value);
                }
                case "--only" -> {
                    if (value == null) {
                        value = CommandLine.valueAt(args, ++i, arg);
                    }
                    services = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                    if (services.isEmpty()) {
                        throw new IllegalArgumentException("--only needs service names, e.g. --only intake-service,case-service");
                    }
                    for (String service : services) {
                        if (!LocalSuite.ALL_SERVICES.contains(service)) {
                            throw new IllegalArgumentException("Unknown service '" + service + "'. The services are: "
                                    + String.join(", ", LocalSuite.ALL_SERVICES));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
            }
        }
        return new Options(help, fresh, data, services, freePorts);
    }

    static String usage() {
        return """
                Usage: ./resolve-local [options]
                       ./resolve-local token --user <id> --roles <r1,r2> [...]   (see ./resolve-local token --help)

                Starts the Resolve suite on this machine, with nothing but a JDK and Maven: an embedded PostgreSQL
                server (one database per service) and an embedded Kafka broker, then every service as its own
                process, each waited on until it is ready. Ctrl-C stops everything. Data is kept between runs.
                A signing key is made in the data directory; the services trust it, and a bearer token for each
                role is printed once everything is up.

                Options:
                  --fresh             wipe the kept data (databases, Kafka topics) before starting
                  --data-dir <dir>    where data and logs are kept (default: .resolve-data in the repository root)
                  --only <a,b,...>    start only these services: %s
                  --free-ports        use free ports instead of 8081-8085 (services), 55432 (PostgreSQL), 59092 (Kafka)
                  --rebuild           build the suite with Maven first (otherwise only when something is not built)
                  -h, --help          show this help

                Environment:
                  RESOLVE_JVM_OPTIONS  JVM options of every service (default: %s)
                """.formatted(String.join(", ", LocalSuite.ALL_SERVICES), String.join(" ", LocalSuite.DEFAULT_JVM_OPTIONS));
    }

    // ------------------------------------------------------------------------------------------------------ output

    static void printSummary(LocalSuite suite, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "URL", "SWAGGER UI", "HEALTH"});
        for (String service : suite.services()) {
            URI url = suite.serviceUrl(service);
            rows.add(new String[] {service, url.toString(), url + "/q/swagger-ui", url + "/q/health"});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "Resolve is up: %d service%s ready in %.1f s%n", suite.services().size(),
                suite.services().size() == 1 ? "" : "s", suite.startupTime().toMillis() / 1000.0);
        out.println();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                line.append(c < row.length - 1 ? String.format("%-" + (widths[c] + 3) + "s", row[c]) : row[c]);
            }
            out.println(line);
        }
        String databases = suite.services().stream().map(LocalSuite::databaseName).collect(Collectors.joining(", "));
        out.println();
        out.println("  PostgreSQL  jdbc:postgresql://localhost:" + suite.postgresPort() + "/<database>   databases: "
                + databases + " (user and password = database name)");
        if (suite.services().contains(AuditCheckpoints.SERVICE)) {
            out.println(auditLine(suite));
        }
        out.println("  Kafka       " + suite.kafkaBootstrapServers());
        out.println("  Data        " + suite.dataDirectory() + "   (kept between runs; --fresh wipes it)");
        out.println("  Logs        " + suite.dataDirectory().resolve("logs") + "   (<service>.log, launcher.log)");
        out.println();
        Tokens.printDemoTokens(suite.identity(), out);
        out.println();
        out.println("Press Ctrl-C to stop everything.");
    }

    /** Where audit-service's checkpoint public key and log are, and which of its database's roles does what. */
    static String auditLine(LocalSuite suite) {
        String service = AuditCheckpoints.SERVICE;
        return "  Audit       checkpoint public key " + suite.auditPublicKeyFile() + ", log " + suite.auditCheckpointLog()
                + "   (audit-service runs as " + LocalSuite.runtimeLogin(service) + "; "
                + LocalSuite.databaseName(service) + " owns the schema)";
    }

    /**
     * Sends the logs of the in-process PostgreSQL and Kafka (slf4j-simple) to {@code launcher.log}, unless the
     * caller configured slf4j-simple already. Must run before anything logs.
     */
    private static void routeInfrastructureLogs(Path logs) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
            return;
        }
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("launcher.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        // A few broker classes use the Log4j API, which has no backend here: without this it says so on stderr.
        if (System.getProperty("log4j2.loggerContextFactory") == null
                && ClassLoader.getSystemResource("META-INF/services/org.apache.logging.log4j.spi.Provider") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private static void awaitExit() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // -------------------------------------------------------------------------------------------------- stopping

    /**
     * Stops the suite once, in order. Ctrl-C (SIGINT), SIGTERM and SIGHUP are handled here instead of by the JVM's
     * default, which would run every shutdown hook at once (zonky's stops PostgreSQL while services still use it).
     * The shutdown hook covers every other way the JVM ends.
     */
    private static final class Stopper {

        private final LocalSuite suite;
        private final AtomicBoolean requested = new AtomicBoolean();
        private boolean stopped;

        Stopper(LocalSuite suite) {
            this.suite = suite;
        }

        void install() {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "resolve-local-shutdown"));
            for (String name : List.of("INT", "TERM", "HUP")) {
                try {
                    Signal.handle(new Signal(name), signal -> onSignal());
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    // Not available here (e.g. -Xrs): the shutdown hook still stops everything.
                }
            }
        }

        private void onSignal() {
            if (!requested.compareAndSet(false, true)) {
                System.out.println("Still stopping, please wait.");
                return;
            }
            Thread stopping = new Thread(() -> {
                stop();
                System.exit(0);
            }, "resolve-local-stop");
            stopping.start();
        }

        boolean requested() {
            return requested.get();
        }

        synchronized void markStopped() {
            stopped = true;
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            System.out.println();
            System.out.println("Stopping Resolve...");
            suite.close();
            stopped = true;
            System.out.println("Stopped.");
        }
    }
}
