package dev.resolve.launcher;

import dev.resolve.embedded.EmbeddedKafkaBroker;
import dev.resolve.embedded.EmbeddedPostgresServer;
import dev.resolve.embedded.LocalIdentityProvider;
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
import java.time.Instant;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Once started, a suite can be taken apart and put back together for fault tests and benchmarks: services are
 * killed, stopped, started (also ones it was not built with) and restarted on their ports
 * ({@link #killService(String)}, {@link #stopService(String)}, {@link #startService(String)},
 * {@link #restartService(String)}), Kafka and PostgreSQL stopped and started again on the same port and data
 * ({@link #stopKafka()}, {@link #startKafka()}, {@link #stopPostgres()}, {@link #startPostgres()}), and a service's
 * database connections cut ({@link #terminateDatabaseConnections(String)}). These calls run one at a time, and
 * {@link #close()} waits for the one in progress (a service start notices the close and gives up at once).
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
    /**
     * Folder of the data directory with the local signing key (kept by --fresh, so tokens already handed out stay
     * valid): the services trust its public key, {@link #token} signs with its private key.
     */
    public static final String IDENTITY_DIRECTORY = "identity";
    private static final int LOG_TAIL_LINES = 60;
    private static final long STOP_SECONDS = 10;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_SECONDS);

    private final Path repository;
    private final Path dataDirectory;
    private final boolean temporaryData;
    private final boolean fresh;
    private final PortMode portMode;
    /** The suite's services in {@link #ALL_SERVICES} order; {@link #startService(String)} may add one. */
    private volatile List<String> services;
    private final Map<String, Map<String, String>> systemProperties;
    private final List<String> jvmOptions;
    private final Duration readyTimeout;
    private final Consumer<String> progress;

    private final Object lifecycle = new Object();
    /** Held by each control call (stop, start, kill ...) and by {@link #close()}: they run one at a time. */
    private final ReentrantLock control = new ReentrantLock();
    private boolean started;
    /** start() succeeded and close() has not been called: the control calls are allowed. */
    private volatile boolean running;
    private volatile boolean closing;
    private boolean tornDown;
    private final CountDownLatch startFinished = new CountDownLatch(1);

    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private Path temporaryDirectory;
    private Path lockedDirectory;
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile EmbeddedPostgresServer postgres;
    private volatile EmbeddedKafkaBroker kafka;
    /** The data directory in use (the temporary one included), set by start(). */
    private volatile Path data;
    private volatile LocalIdentityProvider identity;
    private volatile int postgresPort;
    private volatile int kafkaPort;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private volatile Duration startupTime;

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
            requireBuiltServices();
            data = prepareDataDirectory();
            identity = LocalIdentityProvider.inFolder(data.resolve(IDENTITY_DIRECTORY));
            chooseServicePorts();
            postgresPort = portMode == PortMode.FIXED ? FreePorts.preferred(PREFERRED_POSTGRES_PORT) : freePort();
            int preferredKafka = portMode == PortMode.FIXED ? FreePorts.preferred(PREFERRED_KAFKA_PORT) : freePort();
            kafkaPort = preferredKafka == postgresPort ? freePort() : preferredKafka;
            startInfrastructure(data, postgresPort, kafkaPort);
            for (String service : services) {
                String database = databaseName(service);
                postgres.ensureDatabase(database, database, database);
            }
            launchServices();
            awaitReady(services, begin, "start-up");
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
            running = !closing;
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

    private void requireBuiltServices() {
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            Path jar = runJar(service);
            if (!Files.isRegularFile(jar)) {
                missing.add(repository.relativize(jar).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalSuiteException("Not built yet: " + String.join(", ", missing) + ". Build the suite first ("
                    + "cd " + repository + " && mvn -B install -DskipTests), or leave those services out (--only).");
        }
    }

    private Path runJar(String service) {
        return repository.resolve(service).resolve(RUN_JAR);
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
        } while (ports.containsValue(port) || port == postgresPort || port == kafkaPort);
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
        abortIfClosing("start-up");
        progress.accept(String.format(Locale.ROOT, "PostgreSQL and Kafka up in %.1f s", seconds(begin)));
    }

    private static String hintLauncherLog(Path data) {
        return " (PostgreSQL and Kafka log to " + data.resolve("logs").resolve("launcher.log")
                + " when started by resolve-local)";
    }

    private void launchServices() {
        for (String service : services) {
            abortIfClosing("start-up");
            launch(service, false);
        }
        progress.accept("Started " + String.join(", ", services) + "; waiting until they are ready");
    }

    /**
     * Launches one service's jar with its port, datasource, Kafka and configured system properties. Its output goes to
     * its log file: rewritten when {@code append} is false, otherwise appended to after a marker line.
     */
    private void launch(String service, boolean append) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String database = databaseName(service);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(ports.get(service)));
        properties.put("quarkus.datasource.jdbc.url", EmbeddedPostgresServer.jdbcUrl(postgresPort, database));
        properties.put("quarkus.datasource.username", database);
        properties.put("quarkus.datasource.password", database);
        properties.put("kafka.bootstrap.servers", "localhost:" + kafkaPort);
        // Bearer tokens signed by the data directory's key (see token(...)) are trusted.
        properties.put("mp.jwt.verify.publickey.location", identity.publicKeyFile().toString());
        properties.put("mp.jwt.verify.issuer", LocalIdentityProvider.ISSUER);
        properties.putAll(systemProperties.getOrDefault("*", Map.of()));
        properties.putAll(systemProperties.getOrDefault(service, Map.of()));

        List<String> command = new ArrayList<>();
        // Own session: a Ctrl-C in the terminal reaches the launcher only, which then stops everything in order.
        setsid().ifPresent(command::add);
        command.add(java);
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runJar(service).toString());

        Path log = data.resolve("logs").resolve(service + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.resolve(service).toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // glibc keeps few malloc arenas: a JVM with many threads otherwise holds tens of MB it does not use.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        try {
            if (append) {
                Files.writeString(log, String.format(Locale.ROOT, "%n===== %s: %s started again by LocalSuite =====%n",
                        Instant.now(), service), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            } else {
                builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            }
            Process process = builder.start();
            processes.put(service, process);
            Files.writeString(data.resolve("run").resolve(service + ".pid"), process.pid() + "\n");
        } catch (IOException e) {
            throw new LocalSuiteException("Could not launch " + service + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    private void awaitReady(Collection<String> which, long begin, String during) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Set<String> pending = new LinkedHashSet<>(which);
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!pending.isEmpty()) {
            abortIfClosing(during);
            for (String service : List.copyOf(pending)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new LocalSuiteException(service + " stopped during " + during + " (exit code " + process.exitValue()
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

    private void abortIfClosing(String during) {
        if (closing) {
            throw new LocalSuiteException("Stopped during " + during);
        }
    }

    // --------------------------------------------------------------------------------------------------- accessors

    /**
     * The services of this suite, in start-up order: those it was built with, and any that
     * {@link #startService(String)} added. Some of them may be stopped ({@link #isRunning(String)}).
     */
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

    /**
     * The operating-system process of a service, once launched (its pid survives {@link #close()}); after a restart,
     * the new one.
     */
    public ProcessHandle serviceProcess(String service) {
        Process process = processes.get(requireService(service));
        if (process == null) {
            throw new IllegalStateException(service + " was not launched");
        }
        return process.toHandle();
    }

    /**
     * Where a service's standard output and error go: rewritten when the suite starts, appended to (after a marker
     * line) when {@link #startService(String)} starts it again.
     */
    public Path logFile(String service) {
        return dataDirectory().resolve("logs").resolve(requireService(service) + ".log");
    }

    /**
     * JDBC URL of a service's database; its user and password are {@link #databaseName(String)}. It stays the same
     * while PostgreSQL is stopped and started again.
     */
    public String jdbcUrl(String service) {
        return EmbeddedPostgresServer.jdbcUrl(postgresPort(), databaseName(requireService(service)));
    }

    /** Port of the embedded PostgreSQL server (the same after {@link #startPostgres()}). */
    public int postgresPort() {
        if (postgres == null && startupTime == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return postgresPort;
    }

    /** The {@code bootstrap.servers} value of the embedded Kafka broker (the same after {@link #startKafka()}). */
    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort();
    }

    /** Port of the embedded Kafka broker (the same after {@link #startKafka()}). */
    public int kafkaPort() {
        if (kafka == null && startupTime == null) {
            throw new IllegalStateException("Kafka is not running");
        }
        return kafkaPort;
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
    /** The suite's identity provider (its signing key lives in the data directory); available once started. */
    public LocalIdentityProvider identity() {
        if (identity == null) {
            throw new IllegalStateException("The suite has not been started");
        }
        return identity;
    }

    /** A bearer token the suite's services accept, for {@code caller}, valid for {@code ttl}. */
    public String token(LocalIdentityProvider.Caller caller, Duration ttl) {
        return identity().token(caller, ttl);
    }

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

    private String requireService(String service) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException("Not a service of this suite: " + service + " (it runs " + services + ")");
        }
        return service;
    }

    private static String requireKnownService(String service) {
        if (!ALL_SERVICES.contains(service)) {
            throw new IllegalArgumentException("Unknown service '" + service + "'. The services are: "
                    + String.join(", ", ALL_SERVICES));
        }
        return service;
    }

    // ----------------------------------------------------------------------------------------------------- control

    /**
     * Kills a service at once (SIGKILL: no shutdown hooks, in-flight requests and transactions are cut) and waits
     * until its process has exited. Does nothing when it is not running. {@link #startService(String)} brings it back.
     *
     * @throws IllegalArgumentException when {@code service} is not a service of this suite
     * @throws IllegalStateException when the suite is not running (not started, or closed)
     */
    public void killService(String service) {
        underControl(() -> {
            requireService(service);
            Process process = processes.get(service);
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                awaitExit(service, process, Duration.ofSeconds(30));
                progress.accept("Killed " + service + " (pid " + process.pid() + ")");
            }
            deletePidFile(service);
        });
    }

    /**
     * Stops a service gracefully: SIGTERM, then up to 10 seconds for it to shut down by itself, then SIGKILL. Does
     * nothing when it is not running.
     *
     * @throws IllegalArgumentException when {@code service} is not a service of this suite
     * @throws IllegalStateException when the suite is not running (not started, or closed)
     */
    public void stopService(String service) {
        underControl(() -> {
            requireService(service);
            Process process = processes.get(service);
            if (process != null && process.isAlive()) {
                process.destroy();
                boolean stopped = waitFor(process, STOP_TIMEOUT);
                if (!stopped) {
                    progress.accept("Warning: " + service + " did not stop within " + STOP_SECONDS + " s and was killed");
                    process.destroyForcibly();
                    awaitExit(service, process, Duration.ofSeconds(30));
                }
                progress.accept("Stopped " + service);
            }
            deletePidFile(service);
        });
    }

    /**
     * Starts a service that is not running, on its port, with the same JVM options, system properties and log file
     * (appended to, after a marker line), and waits until {@code /q/health/ready} answers 200, as long as
     * {@link Builder#readyTimeout(Duration)} allows. A service of {@link #ALL_SERVICES} that the suite was not built
     * with gets its database and role and a port (by the {@link PortMode}) first, and from then on belongs to the
     * suite: {@link #services()} lists it and {@link #close()} stops it.
     *
     * @throws IllegalArgumentException when {@code service} is not one of {@link #ALL_SERVICES}
     * @throws IllegalStateException when the service is running already, or the suite is not running
     * @throws LocalSuiteException when the service does not become ready (it is killed again; the message has the
     *         end of its log)
     */
    public void startService(String service) {
        requireKnownService(service);
        underControl(() -> {
            Process current = processes.get(service);
            if (current != null && current.isAlive()) {
                throw new IllegalStateException(service + " is running already");
            }
            long begin = System.nanoTime();
            if (!services.contains(service)) {
                addService(service);
            }
            progress.accept("Starting " + service + " on port " + ports.get(service));
            launch(service, true);
            try {
                awaitReady(List.of(service), begin, "the start of " + service);
            } catch (RuntimeException e) {
                Process failed = processes.get(service);
                failed.destroyForcibly();
                waitFor(failed, Duration.ofSeconds(30));
                deletePidFile(service);
                throw e;
            }
        });
    }

    private void addService(String service) {
        if (!Files.isRegularFile(runJar(service))) {
            throw new LocalSuiteException("Not built yet: " + repository.relativize(runJar(service)) + ". Build it first ("
                    + "cd " + repository + " && mvn -B install -DskipTests).");
        }
        int port;
        if (portMode == PortMode.FIXED) {
            port = FIXED_PORTS.get(service);
            if (!FreePorts.isFree(port)) {
                throw new LocalSuiteException("Port " + port + " for " + service + " is in use. Stop whatever listens on"
                        + " it, or run the suite with free ports (PortMode.ALL_FREE).");
            }
        } else {
            port = freePort();
        }
        String database = databaseName(service);
        runningPostgres().ensureDatabase(database, database, database);
        ports.put(service, port);
        Set<String> members = new HashSet<>(services);
        members.add(service);
        services = ALL_SERVICES.stream().filter(members::contains).toList();
    }

    /** {@link #stopService(String)}, then {@link #startService(String)}, with no other control call in between. */
    public void restartService(String service) {
        underControl(() -> {
            stopService(service);
            startService(service);
        });
    }

    /**
     * Whether the service's process is alive (it may still be starting, or shutting down).
     *
     * @throws IllegalArgumentException when {@code service} is not one of {@link #ALL_SERVICES}
     */
    public boolean isRunning(String service) {
        Process process = processes.get(requireKnownService(service));
        return process != null && process.isAlive();
    }

    /** The pid of the service's process while it is running, otherwise empty. */
    public OptionalLong pid(String service) {
        Process process = processes.get(requireKnownService(service));
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /**
     * The pid of the PostgreSQL server's main process (the postmaster; each connection is a child process of it)
     * while it is running, otherwise empty.
     */
    public OptionalLong postgresPid() {
        if (postgres == null || data == null) {
            return OptionalLong.empty();
        }
        Optional<Long> pid = readPid(data.resolve("postgres").resolve("postmaster.pid"));
        return pid.filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Whether the embedded Kafka broker is running (not stopped by {@link #stopKafka()}). */
    public boolean isKafkaRunning() {
        return kafka != null;
    }

    /** Whether the embedded PostgreSQL server is running (not stopped by {@link #stopPostgres()}). */
    public boolean isPostgresRunning() {
        return postgres != null;
    }

    /**
     * Stops the embedded Kafka broker (a clean shutdown); its topics, records and consumer offsets stay in the data
     * directory's {@code kafka/} folder. The services keep running and retry. Does nothing when it is stopped.
     */
    public void stopKafka() {
        underControl(() -> {
            EmbeddedKafkaBroker broker = kafka;
            if (broker != null) {
                kafka = null;
                broker.close();
                progress.accept("Stopped Kafka");
            }
        });
    }

    /**
     * Starts the embedded Kafka broker again on the same client port and log directory, and waits until it answers.
     *
     * @throws IllegalStateException when it is running
     * @throws LocalSuiteException when it does not start (for example when something else took the port meanwhile)
     */
    public void startKafka() {
        underControl(() -> {
            if (kafka != null) {
                throw new IllegalStateException("Kafka is running already");
            }
            long begin = System.nanoTime();
            try {
                kafka = EmbeddedKafkaBroker.start(data.resolve("kafka"), kafkaPort);
            } catch (RuntimeException e) {
                throw new LocalSuiteException("Kafka did not start again on port " + kafkaPort + ": " + rootMessage(e), e);
            }
            progress.accept(String.format(Locale.ROOT, "Started Kafka again (port %d) in %.1f s", kafkaPort, seconds(begin)));
        });
    }

    /**
     * Stops the embedded PostgreSQL server (a fast shutdown: open connections are closed); the databases stay in the
     * data directory's {@code postgres/} folder. The services keep running; their database calls fail meanwhile.
     * Does nothing when it is stopped.
     */
    public void stopPostgres() {
        underControl(() -> {
            EmbeddedPostgresServer server = postgres;
            if (server != null) {
                postgres = null;
                server.close();
                progress.accept("Stopped PostgreSQL");
            }
        });
    }

    /**
     * Starts the embedded PostgreSQL server again on the same port and data directory.
     *
     * @throws IllegalStateException when it is running
     * @throws LocalSuiteException when it does not start
     */
    public void startPostgres() {
        underControl(() -> {
            if (postgres != null) {
                throw new IllegalStateException("PostgreSQL is running already");
            }
            long begin = System.nanoTime();
            try {
                postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), postgresPort);
            } catch (RuntimeException e) {
                throw new LocalSuiteException("PostgreSQL did not start again on port " + postgresPort + ": "
                        + rootMessage(e), e);
            }
            progress.accept(String.format(Locale.ROOT, "Started PostgreSQL again (port %d) in %.1f s", postgresPort,
                    seconds(begin)));
        });
    }

    /** {@link #stopPostgres()}, then {@link #startPostgres()}, with no other control call in between. */
    public void restartPostgres() {
        underControl(() -> {
            stopPostgres();
            startPostgres();
        });
    }

    /**
     * Terminates ({@code pg_terminate_backend}, as the superuser) every connection to the service's database, as a
     * database fail-over or a network cut would; the service has to notice and reconnect.
     *
     * @return how many connections were terminated
     * @throws IllegalArgumentException when {@code service} is not a service of this suite
     * @throws IllegalStateException when the suite or PostgreSQL is not running
     */
    public int terminateDatabaseConnections(String service) {
        int[] terminated = new int[1];
        underControl(() -> {
            terminated[0] = runningPostgres().terminateConnections(databaseName(requireService(service)));
            progress.accept("Terminated " + terminated[0] + " connection(s) to " + databaseName(service));
        });
        return terminated[0];
    }

    /** Runs {@code action} holding the control lock, when the suite is running. */
    private void underControl(Runnable action) {
        control.lock();
        try {
            if (!running || closing) {
                throw new IllegalStateException(closing ? "The suite is closed" : "The suite is not started");
            }
            action.run();
        } finally {
            control.unlock();
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalSuiteException("Interrupted while waiting for a process to exit", e);
        }
    }

    private static void awaitExit(String service, Process process, Duration timeout) {
        if (!waitFor(process, timeout)) {
            throw new LocalSuiteException(service + " (pid " + process.pid() + ") did not exit within "
                    + timeout.toSeconds() + " s of SIGKILL");
        }
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
        // A control call in progress notices 'closing' too (a service start gives up), or ends by itself.
        control.lock();
        try {
            running = false;
            teardown();
        } finally {
            control.unlock();
        }
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
        List<String> launched = services.stream().filter(processes::containsKey).toList();
        List<String> alive = launched.stream().filter(service -> processes.get(service).isAlive()).toList();
        if (!launched.isEmpty()) {
            launched.forEach(service -> processes.get(service).destroy());
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            for (String service : launched) {
                Process process = processes.get(service);
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                        problems.add(service + " did not stop within " + STOP_SECONDS + " s and was killed");
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
                deletePidFile(service);
            }
            if (!alive.isEmpty()) {
                progress.accept("Stopped " + String.join(", ", alive));
            }
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
