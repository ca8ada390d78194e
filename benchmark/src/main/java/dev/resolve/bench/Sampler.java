package dev.resolve.bench;

import dev.resolve.launcher.LocalSuite;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples consumer lag, outbox backlogs, and CPU and memory of every process of the running suite once a second. */
final class Sampler implements AutoCloseable {

    // Processes: each service, PostgreSQL with its backends, this JVM (which hosts Kafka), and Gatling's JVM.

    /** The process name of this JVM in samples and reports. */
    static final String BENCH_JVM = "kafka + benchmark JVM";
    /** The process name of PostgreSQL (the server and all its backends) in samples and reports. */
    static final String POSTGRES = "postgresql";
    /** The process name of Gatling's JVM in samples and reports. */
    static final String GATLING = "gatling (load generator)";
    /** The CPU time of the sampler's own threads, part of {@link #BENCH_JVM}'s. */
    static final String SAMPLER = "of which this sampler";
    /** The services whose outbox backlog is sampled. */
    static final List<String> EMITTERS = List.of("intake-service", "case-service");

    /**
     * One sample. Maps are keyed by group, service or process name; a missing key means not measured (process not
     * running, table not there yet, Kafka not answering).
     */
    record Sample(long atMillis, String stage, Map<String, Long> lagRecords, Map<String, Long> lagMs,
            Map<String, Long> outboxBacklog, Map<String, Double> cpuMs, Map<String, Double> rssMb) {
    }

    private final LocalSuite suite;
    private final KafkaLag kafka;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Connection> connections = new HashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Long> samplerThreads = new ArrayList<>();
    private volatile String stage = "idle";
    private volatile long gatlingPid;

    Sampler(LocalSuite suite, KafkaLag kafka) {
        this.suite = suite;
        this.kafka = kafka;
    }

    /** Starts sampling, once a second. */
    Sampler start() {
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Labels the samples taken from now on. */
    void stage(String name) {
        stage = name;
    }

    /** Includes Gatling's JVM in the samples while it runs. */
    void gatling(long pid) {
        gatlingPid = pid;
    }

    /** The samples so far. */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The latest sample, or null. */
    Sample latest() {
        synchronized (samples) {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }
    }

    /** Takes one sample now (also outside the schedule) and returns it. */
    Sample sampleNow() {
        return sample();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // A sample that failed is missing from the series; the next one tries again.
        }
    }

    private synchronized Sample sample() {
        long at = System.currentTimeMillis();
        String label = stage;
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> rss = new LinkedHashMap<>();
        for (String service : suite.services()) {
            OptionalLong pid = suite.pid(service);
            if (pid.isPresent()) {
                put(cpu, rss, service, ProcStats.process(pid.getAsLong()));
            }
        }
        OptionalLong postgres = suite.postgresPid();
        if (postgres.isPresent()) {
            put(cpu, rss, POSTGRES, ProcStats.tree(postgres.getAsLong()));
        }
        put(cpu, rss, BENCH_JVM, ProcStats.process(ProcessHandle.current().pid()));
        cpu.put(SAMPLER, samplerCpuMs());
        long gatling = gatlingPid;
        if (gatling > 0 && ProcessHandle.of(gatling).map(ProcessHandle::isAlive).orElse(false)) {
            put(cpu, rss, GATLING, ProcStats.process(gatling));
        }

        Map<String, Long> lagRecords = new LinkedHashMap<>();
        Map<String, Long> lagMs = new LinkedHashMap<>();
        for (String group : KafkaLag.GROUP_TOPICS.keySet()) {
            if (suite.services().contains(group)) {
                KafkaLag.GroupLag lag = kafka.lag(group, true);
                if (lag != null) {
                    lagRecords.put(group, lag.records());
                    if (lag.timeLagMs() != null) {
                        lagMs.put(group, lag.timeLagMs());
                    }
                }
            }
        }
        Map<String, Long> outbox = new LinkedHashMap<>();
        for (String service : EMITTERS) {
            if (suite.services().contains(service)) {
                Long backlog = outboxBacklog(service);
                if (backlog != null) {
                    outbox.put(service, backlog);
                }
            }
        }
        Sample sample = new Sample(at, label, lagRecords, lagMs, outbox, cpu, rss);
        synchronized (samples) {
            samples.add(sample);
        }
        return sample;
    }

    /** CPU time of the threads that sample: this one and the Kafka clients it uses for lag. */
    private double samplerCpuMs() {
        if (samplerThreads.isEmpty() || samplerThreads.size() < 2) {
            samplerThreads.clear();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
                if (info != null && (info.getThreadName().startsWith("bench-sampler")
                        || info.getThreadName().contains(KafkaLag.CLIENT_ID))) {
                    samplerThreads.add(info.getThreadId());
                }
            }
        }
        long nanos = 0;
        for (long id : samplerThreads) {
            nanos += Math.max(0, threads.getThreadCpuTime(id));
        }
        return nanos / 1e6;
    }

    private static void put(Map<String, Double> cpu, Map<String, Double> rss, String name, ProcStats.Usage usage) {
        if (usage != ProcStats.Usage.NONE) {
            cpu.put(name, usage.cpuMs());
            rss.put(name, usage.rssMb());
        }
    }

    /** Rows of the service's outbox not sent yet; null when it cannot be read (yet). */
    synchronized Long outboxBacklog(String service) {
        try {
            Connection connection = connections.get(service);
            if (connection == null || !connection.isValid(1)) {
                String user = LocalSuite.databaseName(service);
                connection = DriverManager.getConnection(suite.jdbcUrl(service), user, user);
                connections.put(service, connection);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox_message")) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            connections.values().forEach(connection -> {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing anyway.
                }
            });
            connections.clear();
        }
    }
}
