package dev.resolve.launcher;

import dev.resolve.embedded.FreePorts;
import dev.resolve.embedded.LocalIdentityProvider;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The services, each its own {@code java -jar quarkus-run.jar} process, as in production: which ones the suite runs,
 * on which ports, and their processes. A service's output goes to {@code logs/<service>.log}, and its pid to
 * {@code run/<service>.pid}, for the next run to stop it should this launcher be killed without stopping it.
 */
final class ServiceProcesses {

    private static final long STOP_SECONDS = 10;
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_SECONDS);
    /** How long a killed process gets to go away; more is a stuck machine, worth an error. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final String RUN_JAR = "target/quarkus-app/quarkus-run.jar";

    private final SuiteSettings settings;
    private final Consumer<String> progress;
    private final DataFolder folder;
    private final PostgresControl postgres;
    private final KafkaControl kafka;
    private final Supplier<LocalIdentityProvider> identity;

    /** The suite's services in {@link LocalSuite#ALL_SERVICES} order; {@link #relaunch(String)} may add one. */
    private volatile List<String> services;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    ServiceProcesses(SuiteSettings settings, DataFolder folder, PostgresControl postgres, KafkaControl kafka,
            Supplier<LocalIdentityProvider> identity) {
        this.settings = settings;
        this.progress = settings.progress();
        this.folder = folder;
        this.postgres = postgres;
        this.kafka = kafka;
        this.identity = identity;
        this.services = settings.services();
    }

    List<String> services() {
        return services;
    }

    /** {@code service}, when it is one of this suite's. */
    String member(String service) {
        if (!services.contains(service)) {
            throw new IllegalArgumentException("Not a service of this suite: " + service + " (it runs " + services + ")");
        }
        return service;
    }

    /** {@code service}, when it is one of {@link LocalSuite#ALL_SERVICES}. */
    static String known(String service) {
        if (!LocalSuite.ALL_SERVICES.contains(service)) {
            throw new IllegalArgumentException("Unknown service '" + service + "'. The services are: "
                    + String.join(", ", LocalSuite.ALL_SERVICES));
        }
        return service;
    }

    int port(String service) {
        Integer port = ports.get(member(service));
        if (port == null) {
            throw new IllegalStateException("The suite is not started");
        }
        return port;
    }

    URI url(String service) {
        return URI.create("http://localhost:" + port(service));
    }

    Path logFile(String service) {
        return folder.logs().resolve(member(service) + ".log");
    }

    /** The service's process once launched, the last one after a restart; null before. */
    Process process(String service) {
        return processes.get(service);
    }

    ProcessHandle handle(String service) {
        Process process = processes.get(member(service));
        if (process == null) {
            throw new IllegalStateException(service + " was not launched");
        }
        return process.toHandle();
    }

    boolean isRunning(String service) {
        Process process = processes.get(known(service));
        return process != null && process.isAlive();
    }

    OptionalLong pid(String service) {
        Process process = processes.get(known(service));
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    // ------------------------------------------------------------------------------------------------- start-up

    /** Fails, naming every missing jar at once, unless each service has been built. */
    void requireBuilt() {
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            Path jar = runJar(service);
            if (!Files.isRegularFile(jar)) {
                missing.add(settings.repository().relativize(jar).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalSuiteException("Not built yet: " + String.join(", ", missing) + ". Build the suite first ("
                    + "cd " + settings.repository() + " && mvn -B install -DskipTests), or leave those services out (--only).");
        }
    }

    private Path runJar(String service) {
        return settings.repository().resolve(service).resolve(RUN_JAR);
    }

    void choosePorts() {
        for (String service : services) {
            ports.put(service, portFor(service,
                    "Is Resolve already running? Stop whatever listens on it, or start with free ports (--free-ports)."));
        }
    }

    /** By the {@link LocalSuite.PortMode}: the service's fixed port, which has to be free, or any free port. */
    private int portFor(String service, String whenTaken) {
        if (settings.portMode() == LocalSuite.PortMode.FIXED) {
            int port = LocalSuite.FIXED_PORTS.get(service);
            if (!FreePorts.isFree(port)) {
                throw new LocalSuiteException("Port " + port + " for " + service + " is in use. " + whenTaken);
            }
            return port;
        }
        return freePort();
    }

    /**
     * A port free now that is none of the services', PostgreSQL's or Kafka's: all of them are picked before anything
     * listens on them, so a free port alone could be picked twice.
     */
    int freePort() {
        int port;
        do {
            port = FreePorts.find();
        } while (ports.containsValue(port) || postgres.uses(port) || kafka.uses(port));
        return port;
    }

    /**
     * Launches one service's jar with its {@link #properties(String) system properties}. Its output goes to its log
     * file: rewritten when {@code append} is false, otherwise appended to after a marker line.
     */
    void launch(String service, boolean append) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> properties = properties(service);

        List<String> command = new ArrayList<>();
        // Own session: a Ctrl-C in the terminal reaches the launcher only, which then stops everything in order.
        setsid().ifPresent(command::add);
        command.add(java);
        command.addAll(settings.jvmOptions());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runJar(service).toString());

        Path log = folder.logs().resolve(service + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.repository().resolve(service).toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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
            folder.writePid(service, process.pid());
        } catch (IOException e) {
            throw new LocalSuiteException("Could not launch " + service + ": " + e.getMessage(), e);
        }
    }

    /**
     * A service's system properties: its port, datasource (with its database roles), Kafka and the token key it
     * trusts; for audit-service its checkpoint key and log; then the configured ones, which win.
     */
    Map<String, String> properties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(ports.get(service)));
        properties.putAll(postgres.datasourceProperties(service));
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // Bearer tokens signed by the data directory's key (see LocalSuite.token(...)) are trusted.
        properties.putAll(Tokens.trustProperties(identity.get()));
        if (service.equals(AuditCheckpoints.SERVICE)) {
            properties.putAll(AuditCheckpoints.properties(folder.auditCheckpoints()));
        }
        properties.putAll(settings.systemProperties().getOrDefault("*", Map.of()));
        properties.putAll(settings.systemProperties().getOrDefault(service, Map.of()));
        return properties;
    }

    private static Optional<String> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    // -------------------------------------------------------------------------------------------------- control

    /** See {@link LocalSuite#killService(String)}. */
    void kill(String service) {
        Process process = processes.get(member(service));
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit(service, process);
            progress.accept("Killed " + service + " (pid " + process.pid() + ")");
        }
        folder.deletePidFile(service);
    }

    /** See {@link LocalSuite#stopService(String)}. */
    void stop(String service) {
        Process process = processes.get(member(service));
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, STOP_TIMEOUT)) {
                progress.accept("Warning: " + service + " did not stop within " + STOP_SECONDS + " s and was killed");
                process.destroyForcibly();
                awaitExit(service, process);
            }
            progress.accept("Stopped " + service);
        }
        folder.deletePidFile(service);
    }

    /**
     * Launches a service that is not running again (appending to its log), first making it one of the suite's if it
     * is not. Readiness is the caller's to wait for, and {@link #discard(String)} to clean up if it never comes.
     */
    void relaunch(String service) {
        Process current = processes.get(service);
        if (current != null && current.isAlive()) {
            throw new IllegalStateException(service + " is running already");
        }
        if (!services.contains(service)) {
            add(service);
        }
        progress.accept("Starting " + service + " on port " + ports.get(service));
        launch(service, true);
    }

    /** Kills a relaunched service that did not become ready. */
    void discard(String service) {
        Process failed = processes.get(service);
        failed.destroyForcibly();
        waitFor(failed, KILL_TIMEOUT);
        folder.deletePidFile(service);
    }

    /**
     * Gives a service the suite was not built with a database (with its roles) and a port, and from then on counts it
     * in.
     */
    private void add(String service) {
        Path repository = settings.repository();
        if (!Files.isRegularFile(runJar(service))) {
            throw new LocalSuiteException("Not built yet: " + repository.relativize(runJar(service)) + ". Build it first ("
                    + "cd " + repository + " && mvn -B install -DskipTests).");
        }
        int port = portFor(service, "Stop whatever listens on it, or run the suite with free ports (PortMode.ALL_FREE).");
        postgres.ensureDatabase(service);
        ports.put(service, port);
        Set<String> members = new HashSet<>(services);
        members.add(service);
        services = LocalSuite.ALL_SERVICES.stream().filter(members::contains).toList();
    }

    /**
     * Stops every service launched: all are sent SIGTERM at once and together get {@link #STOP_TIMEOUT}, as each
     * takes about as long; what is left then is killed (and added to {@code problems}).
     */
    void stopAll(List<String> problems) {
        List<String> launched = services.stream().filter(processes::containsKey).toList();
        List<String> alive = launched.stream().filter(service -> processes.get(service).isAlive()).toList();
        if (launched.isEmpty()) {
            return;
        }
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
            folder.deletePidFile(service);
        }
        if (!alive.isEmpty()) {
            progress.accept("Stopped " + String.join(", ", alive));
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

    private static void awaitExit(String service, Process process) {
        if (!waitFor(process, KILL_TIMEOUT)) {
            throw new LocalSuiteException(service + " (pid " + process.pid() + ") did not exit within "
                    + KILL_TIMEOUT.toSeconds() + " s of SIGKILL");
        }
    }
}
