package dev.resolve.launcher;

import dev.resolve.embedded.EmbeddedKafkaBroker;
import dev.resolve.embedded.EmbeddedPostgresServer;
import dev.resolve.embedded.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole Resolve suite on this machine: an embedded PostgreSQL server (one database and role per service), an
 * embedded Kafka broker (both in this JVM) and every service as its own {@code java -jar quarkus-run.jar} process,
 * each waited on until {@code /q/health/ready} answers 200.
 *
 * <pre>{@code
 * try (LocalSuite suite = LocalSuite.builder().temporaryDataDirectory().portMode(PortMode.ALL_FREE).build().start()) {
 *     URI intake = suite.serviceUrl("intake-service");
 * }
 * }</pre>
 *
 * Data lives under the data directory ({@code postgres/}, {@code kafka/}) and is kept between runs; service output
 * goes to {@code logs/<service>.log}. {@link #close()} stops the services, then Kafka, then PostgreSQL.
 */
public final class LocalSuite implements AutoCloseable {

    /** How ports are chosen. */
    public enum PortMode {
        /**
         * Services on {@link LocalSuite#FIXED_PORTS} (start-up fails if one is taken); PostgreSQL on
         * {@link LocalSuite#PREFERRED_POSTGRES_PORT} and Kafka on {@link LocalSuite#PREFERRED_KAFKA_PORT},
         * or any free port when those are taken.
         */
        FIXED,
        /** Every port is a free one picked at start-up: for tests, and for running next to another copy. */
        ALL_FREE
    }

    /** Every service of the suite, in start-up and display order. */
    public static final List<String> ALL_SERVICES = List.of(
            "intake-service", "case-service", "approval-service", "audit-service", "metrics-service");

    /** HTTP ports of the services in {@link PortMode#FIXED} mode (the ports in their application.properties). */
    public static final Map<String, Integer> FIXED_PORTS = fixedPorts();

    public static final int PREFERRED_POSTGRES_PORT = 55432;
    public static final int PREFERRED_KAFKA_PORT = 59092;

    /**
     * JVM options of every service unless {@link Builder#jvmOptions(List)} says otherwise: client compiler only and
     * the serial collector, which start five JVMs on a small machine about twice as fast and use less memory.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** System property naming the repository root, when the working directory is not inside it. */
    public static final String REPOSITORY_PROPERTY = "resolve.repo";

    /** Data directory name under the repository root used when none is given. */
    public static final String DEFAULT_DATA_DIRECTORY = ".resolve-data";

    private static final String RUN_JAR = "target/quarkus-app/quarkus-run.jar";
    private static final List<String> DATA_SUBDIRECTORIES = List.of("postgres", "kafka", "run");
    private static final int LOG_TAIL_LINES = 60;
    private static final long STOP_SECONDS = 10;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_SECONDS);

    private final Path repository;
    private final Path dataDirectory;
    private final boolean temporaryData;
    private final boolean fresh;
    private final PortMode portMode;
    private final List<String> services;
    private final Map<String, Map<String, String>> systemProperties;
    private final List<String> jvmOptions;
    private final Duration readyTimeout;
    private final Consumer<String> progress;

    private final Object lifecycle = new Object();
    private boolean started;
    private volatile boolean closing;
    private boolean tornDown;
    private final CountDownLatch startFinished = new CountDownLatch(1);

    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private Path temporaryDirectory;
    private Path lockedDirectory;
    private FileChannel lockChannel;
    private FileLock lock;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private Duration startupTime;

    private LocalSuite(Builder builder) {
        this.repository = builder.repository != null ? builder.repository : defaultRepositoryRoot();
        this.temporaryData = builder.temporaryData;
        this.dataDirectory = temporaryData ? null
                : (builder.dataDirectory != null ? builder.dataDirectory : repository.resolve(DEFAULT_DATA_DIRECTORY))
                        .toAbsolutePath().normalize();
        this.fresh = builder.fresh;
        this.portMode = builder.portMode;
        this.services = List.copyOf(builder.services);
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        builder.systemProperties.forEach((service, values) -> properties.put(service, Map.copyOf(values)));
        this.systemProperties = Map.copyOf(properties);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.readyTimeout = builder.readyTimeout;
        this.progress = builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------------- start-up

    /**
     * Starts PostgreSQL and Kafka, creates the services' databases, launches the services in parallel and waits
     * until each is ready. On failure everything started so far is stopped again before the exception is thrown.
     *
     * @return this suite, running
     * @throws LocalSuiteException when something could not start (the message says what and why)
     */
    public LocalSuite start() {
        synchronized (lifecycle) {
            if (started || closing) {
                throw new IllegalStateException("A LocalSuite can be started once");
            }
            started = true;
        }
        long begin = System.nanoTime();
        try {
            Map<String, Path> jars = requireBuiltServices();
            Path data = prepareDataDirectory();
            chooseServicePorts();
            int postgresPort = portMode == PortMode.FIXED ? FreePorts.preferred(PREFERRED_POSTGRES_PORT) : freePort();
            int kafkaPort = portMode == PortMode.FIXED ? FreePorts.preferred(PREFERRED_KAFKA_PORT) : freePort();
            if (kafkaPort == postgresPort) {
                kafkaPort = freePort();
            }
            startInfrastructure(data, postgresPort, kafkaPort);
            for (String service : services) {
                String database = databaseName(service);
                postgres.ensureDatabase(database, database, database);
            }
            launchServices(data, jars);
            awaitReady(begin);
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
            return this;
        } catch (RuntimeException | Error e) {
            teardown();
            if (e instanceof LocalSuiteException || e instanceof Error) {
                throw e;
            }
            throw new LocalSuiteException("Resolve did not start: " + e, e);
        } finally {
            startFinished.countDown();
        }
    }

    private Map<String, Path> requireBuiltServices() {
        Map<String, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            Path jar = repository.resolve(service).resolve(RUN_JAR);
            if (Files.isRegularFile(jar)) {
                jars.put(service, jar);
            } else {
                missing.add(repository.relativize(jar).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalSuiteException("Not built yet: " + String.join(", ", missing) + ". Build the suite first ("
                    + "cd " + repository + " && mvn -B install -DskipTests), or leave those services out (--only).");
        }
        return jars;
    }

    private Path prepareDataDirectory() {
        try {
            Path data = temporaryData ? Files.createTempDirectory("resolve-local") : dataDirectory;
            synchronized (lifecycle) {
                temporaryDirectory = temporaryData ? data : null;
            }
            Files.createDirectories(data);
            lockDataDirectory(data);
            stopLeftovers(data);
            if (fresh) {
                progress.accept("Wiping the data in " + data + " (--fresh)");
                for (String name : DATA_SUBDIRECTORIES) {
                    deleteRecursively(data.resolve(name));
                }
            }
            Files.createDirectories(data.resolve("logs"));
            Files.createDirectories(data.resolve("run"));
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory", e);
        }
    }

    private void lockDataDirectory(Path data) throws IOException {
        LocalSuiteException inUse = new LocalSuiteException("Another Resolve suite is running on " + data
                + ". Stop it first, or give this one another data directory (--data-dir).");
        Path key = data.toRealPath();
        // Checked before opening the lock file: closing a second channel on it would drop this JVM's OS-level lock.
        if (!LOCKED_IN_THIS_JVM.add(key)) {
            throw inUse;
        }
        FileChannel channel = null;
        FileLock acquired = null;
        try {
            channel = FileChannel.open(data.resolve("resolve-local.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        } finally {
            if (acquired == null) {
                LOCKED_IN_THIS_JVM.remove(key);
                if (channel != null) {
                    channel.close();
                }
            }
        }
        if (acquired == null) {
            throw inUse;
        }
        synchronized (lifecycle) {
            lockChannel = channel;
            lock = acquired;
            lockedDirectory = key;
        }
    }

    /** Stops processes an earlier run on this data directory left behind (for example when it was killed -9). */
    private void stopLeftovers(Path data) throws IOException {
        Path run = data.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                    Optional<ProcessHandle> leftover = readPid(file).flatMap(ProcessHandle::of)
                            .filter(p -> commandLine(p).contains("quarkus-run.jar"));
                    if (leftover.isPresent()) {
                        progress.accept("Stopping " + file.getFileName().toString().replace(".pid", "")
                                + " left running by an earlier run (pid " + leftover.get().pid() + ")");
                        stopProcess(leftover.get(), STOP_TIMEOUT);
                    }
                    Files.deleteIfExists(file);
                }
            }
        }
        Path postgresData = data.resolve("postgres");
        Optional<ProcessHandle> postmaster = readPid(postgresData.resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                .filter(p -> commandLine(p).contains("postgres") && commandLine(p).contains(postgresData.toString()));
        if (postmaster.isPresent()) {
            progress.accept("Stopping PostgreSQL left running by an earlier run (pid " + postmaster.get().pid() + ")");
            try {
                // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and shuts down cleanly.
                new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).start().waitFor();
            } catch (IOException e) {
                postmaster.get().destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopProcess(postmaster.get(), Duration.ofSeconds(30));
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("");
    }

    private void chooseServicePorts() {
        Set<Integer> taken = new HashSet<>();
        for (String service : services) {
            int port;
            if (portMode == PortMode.FIXED) {
                port = FIXED_PORTS.get(service);
                if (!FreePorts.isFree(port)) {
                    throw new LocalSuiteException("Port " + port + " for " + service + " is in use. Is Resolve already"
                            + " running? Stop whatever listens on it, or start with free ports (--free-ports).");
                }
            } else {
                do {
                    port = FreePorts.find();
                } while (!taken.add(port));
            }
            ports.put(service, port);
        }
    }

    private int freePort() {
        int port;
        do {
            port = FreePorts.find();
        } while (ports.containsValue(port));
        return port;
    }

    private void startInfrastructure(Path data, int postgresPort, int kafkaPort) {
        progress.accept("Starting PostgreSQL (port " + postgresPort + ") and Kafka (port " + kafkaPort + ")");
        long begin = System.nanoTime();
        FutureTask<EmbeddedKafkaBroker> kafkaStart =
                new FutureTask<>(() -> EmbeddedKafkaBroker.start(data.resolve("kafka"), kafkaPort));
        Thread kafkaThread = new Thread(kafkaStart, "resolve-kafka-start");
        kafkaThread.setDaemon(true);
        kafkaThread.start();
        RuntimeException failure = null;
        try {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data.resolve("postgres"), postgresPort);
            synchronized (lifecycle) {
                postgres = server;
            }
        } catch (RuntimeException e) {
            failure = new LocalSuiteException("PostgreSQL did not start on port " + postgresPort + ": " + rootMessage(e)
                    + hintLauncherLog(data), e);
        }
        try {
            EmbeddedKafkaBroker broker = kafkaStart.get();
            synchronized (lifecycle) {
                kafka = broker;
            }
        } catch (ExecutionException e) {
            if (failure == null) {
                failure = new LocalSuiteException("Kafka did not start on port " + kafkaPort + ": "
                        + rootMessage(e.getCause()) + hintLauncherLog(data), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                failure = new LocalSuiteException("Interrupted while starting Kafka", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        abortIfClosing();
        progress.accept(String.format(Locale.ROOT, "PostgreSQL and Kafka up in %.1f s", seconds(begin)));
    }

    private static String hintLauncherLog(Path data) {
        return " (PostgreSQL and Kafka log to " + data.resolve("logs").resolve("launcher.log")
                + " when started by resolve-local)";
    }

    private void launchServices(Path data, Map<String, Path> jars) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Optional<String> setsid = setsid();
        for (String service : services) {
            abortIfClosing();
            String database = databaseName(service);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.http.port", Integer.toString(ports.get(service)));
            properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            properties.put("quarkus.datasource.username", database);
            properties.put("quarkus.datasource.password", database);
            properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            properties.putAll(systemProperties.getOrDefault("*", Map.of()));
            properties.putAll(systemProperties.getOrDefault(service, Map.of()));

            List<String> command = new ArrayList<>();
            // Own session: a Ctrl-C in the terminal reaches the launcher only, which then stops everything in order.
            setsid.ifPresent(command::add);
            command.add(java);
            command.addAll(jvmOptions);
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jars.get(service).toString());

            Path log = data.resolve("logs").resolve(service + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repository.resolve(service).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            try {
                Process process = builder.start();
                synchronized (lifecycle) {
                    processes.put(service, process);
                }
                Files.writeString(data.resolve("run").resolve(service + ".pid"), process.pid() + "\n");
            } catch (IOException e) {
                throw new LocalSuiteException("Could not launch " + service + ": " + e.getMessage(), e);
            }
        }
        progress.accept("Started " + String.join(", ", services) + "; waiting until they are ready");
    }

    private static Optional<String> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    private void awaitReady(long begin) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Set<String> pending = new LinkedHashSet<>(services);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!pending.isEmpty()) {
            abortIfClosing();
            for (String service : List.copyOf(pending)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new LocalSuiteException(service + " stopped during start-up (exit code " + process.exitValue()
                            + "). Last lines of " + logFile(service) + ":\n" + tail(logFile(service)));
                }
                if (isReady(client, service)) {
                    pending.remove(service);
                    progress.accept(String.format(Locale.ROOT, "  %-17s ready after %.1f s at %s", service,
                            seconds(begin), serviceUrl(service)));
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                String first = pending.iterator().next();
                throw new LocalSuiteException("Not ready within " + readyTimeout.toSeconds() + " s: "
                        + String.join(", ", pending) + ". Last lines of " + logFile(first) + ":\n" + tail(logFile(first)));
            }
            if (!pending.isEmpty()) {
                sleep(250);
            }
        }
    }

    private boolean isReady(HttpClient client, String service) {
        HttpRequest request = HttpRequest.newBuilder(serviceUrl(service).resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalSuiteException("Interrupted while waiting for " + service, e);
        }
    }

    private void abortIfClosing() {
        if (closing) {
            throw new LocalSuiteException("Stopped during start-up");
        }
    }

    // --------------------------------------------------------------------------------------------------- accessors

    /** The services this suite runs, in start-up order. */
    public List<String> services() {
        return services;
    }

    /** Base URL of a running service, e.g. {@code http://localhost:8081}. */
    public URI serviceUrl(String service) {
        return URI.create("http://localhost:" + servicePort(service));
    }

    /** Base URLs of all services of this suite, by service name. */
    public Map<String, URI> serviceUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        services.forEach(service -> urls.put(service, serviceUrl(service)));
        return urls;
    }

    /** HTTP port of a service of this suite. */
    public int servicePort(String service) {
        Integer port = ports.get(requireService(service));
        if (port == null) {
            throw new IllegalStateException("The suite is not started");
        }
        return port;
    }

    /** The operating-system process of a service, once launched (its pid survives {@link #close()}). */
    public ProcessHandle serviceProcess(String service) {
        Process process = processes.get(requireService(service));
        if (process == null) {
            throw new IllegalStateException(service + " was not launched");
        }
        return process.toHandle();
    }

    /** Where a service's standard output and error go (rewritten on each start). */
    public Path logFile(String service) {
        return dataDirectory().resolve("logs").resolve(requireService(service) + ".log");
    }

    /** JDBC URL of a service's database; its user and password are {@link #databaseName(String)}. */
    public String jdbcUrl(String service) {
        return runningPostgres().jdbcUrl(databaseName(requireService(service)));
    }

    /** Port of the embedded PostgreSQL server. */
    public int postgresPort() {
        return runningPostgres().port();
    }

    /** The {@code bootstrap.servers} value of the embedded Kafka broker. */
    public String kafkaBootstrapServers() {
        return runningKafka().bootstrapServers();
    }

    /** Port of the embedded Kafka broker. */
    public int kafkaPort() {
        return runningKafka().port();
    }

    /** The data directory (PostgreSQL and Kafka data, logs); for a temporary one, known once started. */
    public Path dataDirectory() {
        if (dataDirectory != null) {
            return dataDirectory;
        }
        synchronized (lifecycle) {
            if (temporaryDirectory == null) {
                throw new IllegalStateException("The temporary data directory is created by start()");
            }
            return temporaryDirectory;
        }
    }

    /** The repository the services' jars are taken from. */
    public Path repositoryRoot() {
        return repository;
    }

    /** How long {@link #start()} took until every service was ready. */
    public Duration startupTime() {
        if (startupTime == null) {
            throw new IllegalStateException("The suite is not started");
        }
        return startupTime;
    }

    /** Database, role and password of a service: its name with '-' as '_' (intake-service: intake_service). */
    public static String databaseName(String service) {
        return service.replace('-', '_');
    }

    private EmbeddedPostgresServer runningPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return postgres;
    }

    private EmbeddedKafkaBroker runningKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is not running");
        }
        return kafka;
    }

    private String requireService(String service) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException("Not a service of this suite: " + service + " (it runs " + services + ")");
        }
        return service;
    }

    // ------------------------------------------------------------------------------------------------------- stop

    /**
     * Stops the services (together they get 10 seconds to stop by themselves, then they are killed), then Kafka,
     * then PostgreSQL. May be called from another thread while {@link #start()} runs: start-up is then abandoned.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        closing = true;
        boolean startRunning;
        synchronized (lifecycle) {
            startRunning = started && startFinished.getCount() > 0;
        }
        if (startRunning) {
            try {
                // start() notices 'closing' within moments (PostgreSQL and Kafka start-ups are bounded) and tears down.
                startFinished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        teardown();
    }

    private void teardown() {
        synchronized (lifecycle) {
            if (tornDown) {
                return;
            }
            tornDown = true;
            closing = true;
        }
        List<String> problems = new ArrayList<>();
        if (!processes.isEmpty()) {
            processes.values().forEach(Process::destroy);
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            for (Map.Entry<String, Process> entry : processes.entrySet()) {
                Process process = entry.getValue();
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                        problems.add(entry.getKey() + " did not stop within " + STOP_SECONDS + " s and was killed");
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
                deletePidFile(entry.getKey());
            }
            progress.accept("Stopped " + String.join(", ", processes.keySet()));
        }
        if (kafka != null) {
            try {
                kafka.close();
                progress.accept("Stopped Kafka");
            } catch (RuntimeException e) {
                problems.add("Kafka did not stop cleanly: " + rootMessage(e));
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
                progress.accept("Stopped PostgreSQL");
            } catch (RuntimeException e) {
                problems.add("PostgreSQL did not stop cleanly: " + rootMessage(e));
            }
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            problems.add("Could not release the data directory lock: " + e.getMessage());
        } finally {
            if (lockedDirectory != null) {
                LOCKED_IN_THIS_JVM.remove(lockedDirectory);
            }
        }
        if (temporaryDirectory != null) {
            try {
                deleteRecursively(temporaryDirectory);
            } catch (UncheckedIOException e) {
                problems.add(e.getMessage());
            }
        }
        problems.forEach(problem -> progress.accept("Warning: " + problem));
    }

    private void deletePidFile(String service) {
        try {
            Files.deleteIfExists(dataDirectory().resolve("run").resolve(service + ".pid"));
        } catch (IOException | IllegalStateException e) {
            // A stale pid file is checked against the process' command line before it is used.
        }
    }

    private static void stopProcess(ProcessHandle process, Duration timeout) {
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Reported by the start-up that follows, if it matters.
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** The last lines of a log file, for error messages. */
    static String tail(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "  (no log written)";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return last.isEmpty() ? "  (log is empty)" : "  | " + String.join("\n  | ", last);
        } catch (IOException | UncheckedIOException e) {
            return "  (cannot read the log: " + e.getMessage() + ")";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalSuiteException("Interrupted during start-up", e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    // ----------------------------------------------------------------------------------------- repository root

    /**
     * The repository root: the {@value #REPOSITORY_PROPERTY} system property when set, otherwise the nearest
     * directory at or above the working directory whose pom.xml is the resolve-parent project.
     */
    public static Path defaultRepositoryRoot() {
        String configured = System.getProperty(REPOSITORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!isRepositoryRoot(root)) {
                throw new LocalSuiteException("-D" + REPOSITORY_PROPERTY + "=" + configured
                        + " is not the Resolve repository (no pom.xml with artifactId resolve-parent there)");
            }
            return root;
        }
        return findRepositoryRoot(Path.of(""));
    }

    /** The nearest directory at or above {@code from} whose pom.xml is the resolve-parent project. */
    public static Path findRepositoryRoot(Path from) {
        Path start = from.toAbsolutePath().normalize();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            if (isRepositoryRoot(directory)) {
                return directory;
            }
        }
        throw new LocalSuiteException("Cannot find the Resolve repository (a pom.xml with artifactId resolve-parent) at or"
                + " above " + start + ". Run from inside the repository, or set -D" + REPOSITORY_PROPERTY + "=<dir>.");
    }

    static boolean isRepositoryRoot(Path directory) {
        Path pom = directory.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            // Modules name resolve-parent too, but inside <parent>: only the root project has it as its own id.
            String project = Files.readString(pom).replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<parent>.*?</parent>", "");
            return project.contains("<artifactId>resolve-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Integer> fixedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < ALL_SERVICES.size(); i++) {
            ports.put(ALL_SERVICES.get(i), 8081 + i);
        }
        return java.util.Collections.unmodifiableMap(ports);
    }

    // ---------------------------------------------------------------------------------------------------- builder

    /** Options of a {@link LocalSuite}; every one has a default. */
    public static final class Builder {

        private Path repository;
        private Path dataDirectory;
        private boolean temporaryData;
        private boolean fresh;
        private PortMode portMode = PortMode.FIXED;
        private List<String> services = ALL_SERVICES;
        private final Map<String, Map<String, String>> systemProperties = new LinkedHashMap<>();
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private Duration readyTimeout = Duration.ofSeconds(120);
        private Consumer<String> progress = System.out::println;

        private Builder() {
        }

        /** The repository whose built services run. Default: {@link LocalSuite#defaultRepositoryRoot()}. */
        public Builder repositoryRoot(Path repository) {
            this.repository = repository.toAbsolutePath().normalize();
            return this;
        }

        /** Where data and logs are kept between runs. Default: the {@code .resolve-data} folder at the repository root. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            this.temporaryData = false;
            return this;
        }

        /** A new temporary data directory, deleted by {@link LocalSuite#close()}. */
        public Builder temporaryDataDirectory() {
            this.dataDirectory = null;
            this.temporaryData = true;
            return this;
        }

        /** Whether to wipe the kept data (PostgreSQL and Kafka) before starting. Default: false. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** How ports are chosen. Default: {@link PortMode#FIXED}. */
        public Builder portMode(PortMode portMode) {
            this.portMode = Objects.requireNonNull(portMode, "portMode");
            return this;
        }

        /** Which services to run (names from {@link LocalSuite#ALL_SERVICES}). Default: all of them. */
        public Builder services(Collection<String> services) {
            Set<String> unique = new LinkedHashSet<>();
            for (String service : services) {
                String name = service.trim();
                if (!ALL_SERVICES.contains(name)) {
                    throw new IllegalArgumentException("Unknown service '" + name + "'. The services are: "
                            + String.join(", ", ALL_SERVICES));
                }
                unique.add(name);
            }
            if (unique.isEmpty()) {
                throw new IllegalArgumentException("No services given");
            }
            // Start-up and display in the suite's order, whatever order they were given in.
            this.services = ALL_SERVICES.stream().filter(unique::contains).toList();
            return this;
        }

        public Builder services(String... services) {
            return services(Arrays.asList(services));
        }

        /**
         * A system property for one service's JVM ({@code -Dkey=value}), or for every service with {@code "*"};
         * it wins over the launcher's own (port, datasource, Kafka).
         */
        public Builder systemProperty(String service, String key, String value) {
            if (!"*".equals(service) && !ALL_SERVICES.contains(service)) {
                throw new IllegalArgumentException("Unknown service '" + service + "'");
            }
            systemProperties.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@link #systemProperty(String, String, String)} for each entry. */
        public Builder systemProperties(String service, Map<String, String> properties) {
            properties.forEach((key, value) -> systemProperty(service, key, value));
            return this;
        }

        /**
         * Options for every service's JVM, before {@code -jar} (e.g. {@code -Xmx256m}); they replace
         * {@link LocalSuite#DEFAULT_JVM_OPTIONS}.
         */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** How long to wait for all services to be ready. Default: 120 seconds. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Receives progress lines. Default: standard output. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public LocalSuite build() {
            return new LocalSuite(this);
        }

        /** {@code build().start()}. */
        public LocalSuite start() {
            return build().start();
        }
    }
}
