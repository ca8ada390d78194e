package dev.resolve.launcher;

import dev.resolve.embedded.FreePorts;
import dev.resolve.embedded.LocalIdentityProvider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import static dev.resolve.launcher.SuiteSupport.seconds;

/**
 * The whole Resolve suite on this machine: an embedded PostgreSQL server (one database and owner role per service;
 * audit-service runs as a login of its own, see {@link #runtimeLogin(String)}), an embedded Kafka broker (both in this
 * JVM) and every service as its own {@code java -jar quarkus-run.jar} process, each waited on until
 * {@code /q/health/ready} answers 200.
 *
 * <pre>{@code
 * try (LocalSuite suite = LocalSuite.builder().temporaryDataDirectory().portMode(PortMode.ALL_FREE).build().start()) {
 *     URI intake = suite.serviceUrl("intake-service");
 * }
 * }</pre>
 *
 * Data lives under the data directory ({@code postgres/}, {@code kafka/}, audit-service's signed checkpoints in
 * {@code audit-checkpoints/}) and is kept between runs; service output goes to {@code logs/<service>.log}.
 * {@link #close()} stops the services, then Kafka, then PostgreSQL.
 *
 * <p>Once started, a suite can be taken apart and put back together for fault tests and benchmarks: services are
 * killed, stopped, started (also ones it was not built with) and restarted on their ports
 * ({@link #killService(String)}, {@link #stopService(String)}, {@link #startService(String)},
 * {@link #restartService(String)}), Kafka and PostgreSQL stopped and started again on the same port and data
 * ({@link #stopKafka()}, {@link #startKafka()}, {@link #stopPostgres()}, {@link #startPostgres()}), and a service's
 * database connections cut ({@link #terminateDatabaseConnections(String)}). These calls run one at a time, and
 * {@link #close()} waits for the one in progress (a service start notices the close and gives up at once).
 *
 * <p>This class is the suite's face and decides the order of events; its package-private parts do the work, one
 * each: {@code DataFolder}, {@code PostgresControl}, {@code KafkaControl}, {@code ServiceProcesses},
 * {@code Readiness} and {@code Tokens}.
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

    /** The service that holds the demo data. */
    private static final String INTAKE = "intake-service";

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

    /**
     * Folder of the data directory with the local signing key (kept by --fresh, so tokens already handed out stay
     * valid): the services trust its public key, {@link #token} signs with its private key.
     */
    public static final String IDENTITY_DIRECTORY = "identity";

    /**
     * Folder of the data directory where audit-service keeps its checkpoint signing key, the public key and the log of
     * signed checkpoints, outside the database (see {@link #auditCheckpointFolder()}); --fresh wipes it with the
     * databases.
     */
    public static final String AUDIT_CHECKPOINT_DIRECTORY = "audit-checkpoints";

    private final SuiteSettings settings;
    private final Consumer<String> progress;
    private final boolean demoData;
    private final DataFolder folder;
    private final PostgresControl postgres;
    private final KafkaControl kafka;
    private final ServiceProcesses processes;
    private final Readiness readiness;

    private final Object lifecycle = new Object();
    /** Held by each control call (stop, start, kill ...) and by {@link #close()}: they run one at a time. */
    private final ReentrantLock control = new ReentrantLock();
    private boolean started;
    /** start() succeeded and close() has not been called: the control calls are allowed. */
    private volatile boolean running;
    private volatile boolean closing;
    private boolean tornDown;
    private final CountDownLatch startFinished = new CountDownLatch(1);

    private volatile LocalIdentityProvider identity;
    private volatile Duration startupTime;

    private LocalSuite(Builder builder) {
        Path repository = builder.repository != null ? builder.repository : defaultRepositoryRoot();
        Path dataDirectory = builder.temporaryData ? null
                : (builder.dataDirectory != null ? builder.dataDirectory : repository.resolve(DEFAULT_DATA_DIRECTORY))
                        .toAbsolutePath().normalize();
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        builder.systemProperties.forEach((service, values) -> properties.put(service, Map.copyOf(values)));
        this.settings = new SuiteSettings(repository, dataDirectory, builder.fresh, builder.portMode,
                List.copyOf(builder.services), Map.copyOf(properties), List.copyOf(builder.jvmOptions),
                builder.readyTimeout, builder.progress);
        this.progress = settings.progress();
        this.demoData = builder.demoData;
        this.folder = new DataFolder(settings);
        this.postgres = new PostgresControl(progress);
        this.kafka = new KafkaControl(progress);
        this.processes = new ServiceProcesses(settings, folder, postgres, kafka, this::identity);
        this.readiness = new Readiness(processes, settings, this::abortIfClosing);
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
            processes.requireBuilt();
            identity = Tokens.identityIn(folder.prepare());
            processes.choosePorts();
            startInfrastructure();
            processes.services().forEach(postgres::ensureDatabase);
            for (String service : processes.services()) {
                abortIfClosing("start-up");
                processes.launch(service, false);
            }
            progress.accept("Started " + String.join(", ", processes.services()) + "; waiting until they are ready");
            readiness.await(processes.services(), begin, "start-up");
            if (demoData && processes.services().contains(INTAKE)) {
                DemoData.loadOnce(serviceUrl(INTAKE), identity, progress);
            }
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

    /** Picks PostgreSQL's and Kafka's ports (by the {@link PortMode}; never the same one) and starts both at once. */
    private void startInfrastructure() {
        boolean fixed = settings.portMode() == PortMode.FIXED;
        int postgresPort = fixed ? FreePorts.preferred(PREFERRED_POSTGRES_PORT) : processes.freePort();
        postgres.place(folder.postgres(), postgresPort);
        int preferredKafka = fixed ? FreePorts.preferred(PREFERRED_KAFKA_PORT) : processes.freePort();
        int kafkaPort = preferredKafka == postgresPort ? processes.freePort() : preferredKafka;
        kafka.place(folder.kafka(), kafkaPort);
        progress.accept("Starting PostgreSQL (port " + postgresPort + ") and Kafka (port " + kafkaPort + ")");
        long begin = System.nanoTime();
        ServerControl.startTogether(postgres, kafka, " (PostgreSQL and Kafka log to "
                + folder.logs().resolve("launcher.log") + " when started by resolve-local)");
        abortIfClosing("start-up");
        progress.accept(String.format(Locale.ROOT, "PostgreSQL and Kafka up in %.1f s", seconds(begin)));
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
        return processes.services();
    }

    /** Base URL of a running service, e.g. {@code http://localhost:8081}. */
    public URI serviceUrl(String service) {
        return processes.url(service);
    }

    /** Base URLs of all services of this suite, by service name. */
    public Map<String, URI> serviceUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        services().forEach(service -> urls.put(service, serviceUrl(service)));
        return urls;
    }

    /** HTTP port of a service of this suite. */
    public int servicePort(String service) {
        return processes.port(service);
    }

    /**
     * The operating-system process of a service, once launched (its pid survives {@link #close()}); after a restart,
     * the new one.
     */
    public ProcessHandle serviceProcess(String service) {
        return processes.handle(service);
    }

    /**
     * Where a service's standard output and error go: rewritten when the suite starts, appended to (after a marker
     * line) when {@link #startService(String)} starts it again.
     */
    public Path logFile(String service) {
        return processes.logFile(service);
    }

    /**
     * JDBC URL of a service's database; its owner's user and password are {@link #databaseName(String)}, the
     * service's own login {@link #runtimeLogin(String)}. It stays the same while PostgreSQL is stopped and started
     * again.
     */
    public String jdbcUrl(String service) {
        return postgres.jdbcUrl(processes.member(service));
    }

    /** Port of the embedded PostgreSQL server (the same after {@link #startPostgres()}). */
    public int postgresPort() {
        return postgres.port();
    }

    /** The {@code bootstrap.servers} value of the embedded Kafka broker (the same after {@link #startKafka()}). */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Port of the embedded Kafka broker (the same after {@link #startKafka()}). */
    public int kafkaPort() {
        return kafka.port();
    }

    /** The data directory (PostgreSQL and Kafka data, logs); for a temporary one, known once started. */
    public Path dataDirectory() {
        return folder.path();
    }

    /**
     * audit-service's checkpoint folder, {@value #AUDIT_CHECKPOINT_DIRECTORY} in the data directory: the Ed25519 key
     * the service signs checkpoints of its hash chain with, its public key and the append-only log of signed
     * checkpoints, all outside the database. The service makes the key pair on its first start when it is missing
     * (so a new data directory, or one after --fresh, gets a new key). For a temporary data directory, known once
     * started.
     */
    public Path auditCheckpointFolder() {
        return folder.auditCheckpoints();
    }

    /**
     * The public key audit-service's checkpoints verify with (X.509 PEM, in {@link #auditCheckpointFolder()}); it is
     * there once audit-service has started.
     */
    public Path auditPublicKeyFile() {
        return AuditCheckpoints.publicKey(auditCheckpointFolder());
    }

    /**
     * The key audit-service signs checkpoints with (PKCS#8 PEM, in {@link #auditCheckpointFolder()}). Deleting it
     * while the service is stopped is losing the key: on its next start the service makes a new pair, and new
     * checkpoints carry the new key's id while old ones still verify with the old public key.
     */
    public Path auditSigningKeyFile() {
        return AuditCheckpoints.signingKey(auditCheckpointFolder());
    }

    /**
     * The append-only log audit-service appends every signed checkpoint to, one JSON object a line (in
     * {@link #auditCheckpointFolder()}); it is there once the service has signed its first checkpoint.
     */
    public Path auditCheckpointLog() {
        return AuditCheckpoints.log(auditCheckpointFolder());
    }

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

    /** The repository the services' jars are taken from. */
    public Path repositoryRoot() {
        return settings.repository();
    }

    /** How long {@link #start()} took until every service was ready. */
    public Duration startupTime() {
        if (startupTime == null) {
            throw new IllegalStateException("The suite is not started");
        }
        return startupTime;
    }

    /**
     * Database, owner role and its password of a service: its name with '-' as '_' (intake-service: intake_service).
     * The owner runs the service's migrations; it is also what the service runs as, unless
     * {@link #runtimeLogin(String)} says otherwise.
     */
    public static String databaseName(String service) {
        return PostgresControl.databaseName(service);
    }

    /**
     * The login a service's datasource uses at run time (its password is the same): {@link #databaseName(String)},
     * the database's owner, for every service but audit-service, which runs as {@code audit_service_runtime}, a login
     * that owns nothing and may only read and append to the audit tables (its owner's migrations grant that).
     */
    public static String runtimeLogin(String service) {
        return PostgresControl.runtimeLogin(service);
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
        underControl(() -> processes.kill(service));
    }

    /**
     * Stops a service gracefully: SIGTERM, then up to 10 seconds for it to shut down by itself, then SIGKILL. Does
     * nothing when it is not running.
     *
     * @throws IllegalArgumentException when {@code service} is not a service of this suite
     * @throws IllegalStateException when the suite is not running (not started, or closed)
     */
    public void stopService(String service) {
        underControl(() -> processes.stop(service));
    }

    /**
     * Starts a service that is not running, on its port, with the same JVM options, system properties and log file
     * (appended to, after a marker line), and waits until {@code /q/health/ready} answers 200, as long as
     * {@link Builder#readyTimeout(Duration)} allows. A service of {@link #ALL_SERVICES} that the suite was not built
     * with gets its database and roles and a port (by the {@link PortMode}) first, and from then on belongs to the
     * suite: {@link #services()} lists it and {@link #close()} stops it.
     *
     * @throws IllegalArgumentException when {@code service} is not one of {@link #ALL_SERVICES}
     * @throws IllegalStateException when the service is running already, or the suite is not running
     * @throws LocalSuiteException when the service does not become ready (it is killed again; the message has the
     *         end of its log)
     */
    public void startService(String service) {
        ServiceProcesses.known(service);
        underControl(() -> {
            long begin = System.nanoTime();
            processes.relaunch(service);
            try {
                readiness.await(List.of(service), begin, "the start of " + service);
            } catch (RuntimeException e) {
                processes.discard(service);
                throw e;
            }
        });
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
        return processes.isRunning(service);
    }

    /** The pid of the service's process while it is running, otherwise empty. */
    public OptionalLong pid(String service) {
        return processes.pid(service);
    }

    /**
     * The pid of the PostgreSQL server's main process (the postmaster; each connection is a child process of it)
     * while it is running, otherwise empty.
     */
    public OptionalLong postgresPid() {
        return postgres.pid();
    }

    /** Whether the embedded Kafka broker is running (not stopped by {@link #stopKafka()}). */
    public boolean isKafkaRunning() {
        return kafka.isRunning();
    }

    /** Whether the embedded PostgreSQL server is running (not stopped by {@link #stopPostgres()}). */
    public boolean isPostgresRunning() {
        return postgres.isRunning();
    }

    /**
     * Stops the embedded Kafka broker (a clean shutdown); its topics, records and consumer offsets stay in the data
     * directory's {@code kafka/} folder. The services keep running and retry. Does nothing when it is stopped.
     */
    public void stopKafka() {
        underControl(kafka::stop);
    }

    /**
     * Starts the embedded Kafka broker again on the same client port and log directory, and waits until it answers.
     *
     * @throws IllegalStateException when it is running
     * @throws LocalSuiteException when it does not start (for example when something else took the port meanwhile)
     */
    public void startKafka() {
        underControl(kafka::startAgain);
    }

    /**
     * Stops the embedded PostgreSQL server (a fast shutdown: open connections are closed); the databases stay in the
     * data directory's {@code postgres/} folder. The services keep running; their database calls fail meanwhile.
     * Does nothing when it is stopped.
     */
    public void stopPostgres() {
        underControl(postgres::stop);
    }

    /**
     * Starts the embedded PostgreSQL server again on the same port and data directory.
     *
     * @throws IllegalStateException when it is running
     * @throws LocalSuiteException when it does not start
     */
    public void startPostgres() {
        underControl(postgres::startAgain);
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
        underControl(() -> terminated[0] = postgres.terminateConnections(processes.member(service)));
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

    /** Stops what was started, in the reverse order, each part whatever the others' failures, which are reported. */
    private void teardown() {
        synchronized (lifecycle) {
            if (tornDown) {
                return;
            }
            tornDown = true;
            closing = true;
        }
        List<String> problems = new ArrayList<>();
        processes.stopAll(problems);
        kafka.close(problems);
        postgres.close(problems);
        folder.release(problems);
        problems.forEach(problem -> progress.accept("Warning: " + problem));
    }

    // ----------------------------------------------------------------------------------------- repository root

    /**
     * The repository root: the {@value #REPOSITORY_PROPERTY} system property when set, otherwise the nearest
     * directory at or above the working directory whose pom.xml is the resolve-parent project.
     */
    public static Path defaultRepositoryRoot() {
        return RepositoryRoot.byDefault();
    }

    /** The nearest directory at or above {@code from} whose pom.xml is the resolve-parent project. */
    public static Path findRepositoryRoot(Path from) {
        return RepositoryRoot.find(from);
    }

    static boolean isRepositoryRoot(Path directory) {
        return RepositoryRoot.isRoot(directory);
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
        private boolean demoData;
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
        /**
         * Whether intake-service gets the demo data set (customers, contracts, invoices; see {@code demo-data.json})
         * the first time the suite runs on its data folder. Off by default; {@code ./resolve-local} turns it on.
         */
        public Builder demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        public Builder portMode(PortMode portMode) {
            this.portMode = Objects.requireNonNull(portMode, "portMode");
            return this;
        }

        /** Which services to run (names from {@link LocalSuite#ALL_SERVICES}). Default: all of them. */
        public Builder services(Collection<String> services) {
            Set<String> unique = new LinkedHashSet<>();
            for (String service : services) {
                unique.add(ServiceProcesses.known(service.trim()));
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
