package dev.resolve.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), running in this JVM.
 * The log directory is formatted on first use and kept between runs unless it is a temporary one.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Partitions of topics created on first use: more than one, so per-key ordering is really exercised. */
    public static final int DEFAULT_PARTITIONS = 6;

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDirectory;
    private final boolean temporary;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDirectory, boolean temporary) {
        this.server = server;
        this.port = port;
        this.logDirectory = logDirectory;
        this.temporary = temporary;
    }

    /**
     * Formats (if needed) and starts a broker, and waits until it answers.
     *
     * @param logDirectory where the logs live; kept between runs. {@code null} for a throw-away broker.
     * @param port the client port, or 0 for any free one
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port) {
        boolean temporary = logDirectory == null;
        try {
            Path directory = temporary ? Files.createTempDirectory("resolve-kafka") : logDirectory;
            Files.createDirectories(directory);
            int clientPort = port > 0 ? port : FreePorts.find();
            int controllerPort = FreePorts.find();
            Properties config = brokerConfig(directory, clientPort, controllerPort);
            formatIfNeeded(directory, config);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, directory, temporary);
            broker.awaitReady(Duration.ofSeconds(60));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    private static Properties brokerConfig(Path directory, int clientPort, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        // A static voter set: the controller port may differ from one run to the next.
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", directory.toAbsolutePath().toString());
        config.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        config.put("auto.create.topics.enable", "true");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Log flushes are left to the operating system, as on a production broker: a killed broker process loses
        // nothing the page cache holds, and an fsync per append would cost more than everything else it does.
        return config;
    }

    private static void formatIfNeeded(Path directory, Properties config) throws IOException {
        if (Files.exists(directory.resolve("meta.properties"))) {
            return;
        }
        Path file = Files.createTempFile("resolve-kafka", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "embedded Kafka");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", file.toString(), "--ignore-formatted"
            }, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not become ready within " + timeout);
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return port;
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(logDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
