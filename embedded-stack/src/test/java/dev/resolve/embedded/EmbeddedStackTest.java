package dev.resolve.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedStackTest {

    @Test
    void shouldKeepPostgresDataAndSynchronousCommitAcrossRestarts(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            postgres.ensureDatabase("sample", "sample", "secret");
            postgres.ensureDatabase("sample", "sample", "secret");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("sample"), "sample", "secret");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('kept')");
            }
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
                Connection c = DriverManager.getConnection(postgres.jdbcUrl("sample"), "sample", "secret");
                Statement s = c.createStatement()) {
            ResultSet rows = s.executeQuery("SELECT v, current_setting('synchronous_commit') FROM t");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
            assertThat(rows.getString(2)).isEqualTo("on");
        }
    }

    @Test
    void shouldServeKafkaClientsAndKeepTopicsAcrossRestarts(@TempDir Path dir) {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "key", "first")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "probe",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.value());
                }
            }
            assertThat(seen).containsExactly("first");
        }
    }

    @Test
    void shouldRestartKafkaOnTheSamePortAndDirectory(@TempDir Path dir) throws Exception {
        int port;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            port = kafka.port();
            producer.send(new ProducerRecord<>("probe", "key", "before")).get(20, TimeUnit.SECONDS);
        }
        assertThat(FreePorts.isFree(port)).as("port released").isTrue();
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "probe",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            assertThat(kafka.port()).isEqualTo(port);
            producer.send(new ProducerRecord<>("probe", "key", "after")).get(20, TimeUnit.SECONDS);
            consumer.subscribe(List.of("probe"));
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.value());
                }
            }
            assertThat(seen).containsExactly("before", "after");
        }
    }

    @Test
    void shouldTerminateTheConnectionsToOneDatabase(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            postgres.ensureDatabase("cut", "cut", "cut");
            postgres.ensureDatabase("kept", "kept", "kept");
            try (Connection first = DriverManager.getConnection(postgres.jdbcUrl("cut"), "cut", "cut");
                    Connection second = DriverManager.getConnection(postgres.jdbcUrl("cut"), "cut", "cut");
                    Connection other = DriverManager.getConnection(postgres.jdbcUrl("kept"), "kept", "kept")) {
                assertThat(postgres.terminateConnections("cut")).isEqualTo(2);
                assertThat(first.isValid(2)).isFalse();
                assertThat(second.isValid(2)).isFalse();
                assertThat(other.isValid(2)).isTrue();
                assertThat(postgres.terminateConnections("cut")).isZero();
            }
        }
    }
}
