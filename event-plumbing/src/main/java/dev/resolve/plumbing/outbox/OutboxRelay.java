package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.plumbing.EventsConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka, oldest first, keyed by aggregate id, and marks them sent.
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances can relay at once. A row is only
 * published when no older unsent row of the same aggregate is held by another instance, which keeps each
 * aggregate's events in order. A commit in this instance wakes the relay at once; otherwise it polls. When Kafka
 * is unreachable the rows stay in the outbox and are retried with a growing pause.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String CLAIM = """
            SELECT id, event_id, topic, aggregate_type, aggregate_id, event_type, schema_version, occurred_at,
                   producer, correlation_id, causation_id, actor, payload::text
              FROM outbox_message
             WHERE sent_at IS NULL
             ORDER BY id
             LIMIT ?
               FOR UPDATE SKIP LOCKED""";
    private static final String HELD_ELSEWHERE = """
            SELECT DISTINCT aggregate_id
              FROM outbox_message
             WHERE sent_at IS NULL
               AND aggregate_id = ANY (?)
               AND id < ?
               AND NOT (id = ANY (?))""";
    private static final String MARK_SENT = "UPDATE outbox_message SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY (?)";
    private static final String MARK_FAILED = "UPDATE outbox_message SET attempts = attempts + 1, last_error = ? WHERE id = ANY (?)";

    private final AgroalDataSource dataSource;
    private final EventsConfig.Outbox config;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry meters;
    private final Semaphore wakeUp = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(AgroalDataSource dataSource, EventsConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config.outbox();
        this.kafkaConfig = kafkaConfig;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("Outbox relay is disabled in this instance");
            return;
        }
        openProducer();
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Connects the Kafka producer this relay publishes with. */
    void openProducer() {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
    }

    /** Wakes the relay once the transaction that wrote an outbox row has committed. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wakeUp.release();
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                settings.put(key, value);
            }
        });
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.sendTimeout().toMillis(), 30_000));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis()
                + (int) Math.min(config.sendTimeout().toMillis(), 30_000));
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID());
        return settings;
    }

    private void run() {
        long backoffMillis = 0;
        while (running) {
            try {
                BatchResult result = relayBatch();
                if (result.error() != null) {
                    throw new IllegalStateException(result.failed() + " event(s) not acknowledged by Kafka: " + result.error());
                }
                backoffMillis = 0;
                if (result.claimed() < config.batchSize()) {
                    waitForWork(config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 200), config.maxBackoff().toMillis());
                Log.warnf("Outbox relay could not publish, retrying in %d ms: %s", backoffMillis, e.getMessage());
                meters.counter("resolve.outbox.publish.failures").increment();
                sleep(backoffMillis);
            }
        }
    }

    private void waitForWork(long millis) {
        try {
            if (wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes one batch in one transaction and records which rows went out. */
    BatchResult relayBatch() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) Math.max(30, config.sendTimeout().toSeconds() * 3))
                .call(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        return relayBatch(connection);
                    }
                });
    }

    private BatchResult relayBatch(Connection connection) throws SQLException {
        List<Row> claimed = claim(connection);
        if (claimed.isEmpty()) {
            return new BatchResult(0, 0, null);
        }
        Set<String> held = heldElsewhere(connection, claimed);
        List<Row> publishable = claimed.stream().filter(row -> !held.contains(row.envelope.aggregateId())).toList();

        List<Future<RecordMetadata>> sends = new ArrayList<>(publishable.size());
        for (Row row : publishable) {
            sends.add(producer.send(CloudEventCodec.toRecord(row.topic, row.envelope)));
        }
        producer.flush();

        List<Long> sent = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        Set<String> brokenAggregates = new HashSet<>();
        String firstError = null;
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < publishable.size(); i++) {
            Row row = publishable.get(i);
            try {
                if (brokenAggregates.contains(row.envelope.aggregateId())) {
                    // An earlier event of this aggregate failed: keep this one unsent so the order holds on retry.
                    failed.add(row.id);
                    continue;
                }
                sends.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(row.id);
                meters.counter("resolve.outbox.published", "topic", row.topic).increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing", e);
            } catch (Exception e) {
                brokenAggregates.add(row.envelope.aggregateId());
                failed.add(row.id);
                if (firstError == null) {
                    firstError = e.getCause() != null ? e.getCause().toString() : e.toString();
                }
            }
        }
        markSent(connection, sent);
        markFailed(connection, failed, firstError);
        return new BatchResult(claimed.size(), failed.size(), firstError);
    }

    private List<Row> claim(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setInt(1, config.batchSize());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    JsonNode payload = Json.mapper().readTree(result.getString(13));
                    EventEnvelope envelope = new EventEnvelope(result.getObject(2, UUID.class), result.getString(6),
                            result.getInt(7), result.getTimestamp(8).toInstant(), result.getString(9),
                            result.getString(4), result.getString(5), result.getString(10), result.getString(11),
                            result.getString(12), payload);
                    rows.add(new Row(result.getLong(1), result.getString(3), envelope));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Outbox payload is not JSON", e);
            }
        }
        return rows;
    }

    private Set<String> heldElsewhere(Connection connection, List<Row> claimed) throws SQLException {
        Set<String> held = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(HELD_ELSEWHERE)) {
            Array aggregates = connection.createArrayOf("text",
                    claimed.stream().map(row -> row.envelope.aggregateId()).distinct().toArray());
            Array ids = connection.createArrayOf("bigint", claimed.stream().map(row -> row.id).toArray());
            statement.setArray(1, aggregates);
            statement.setLong(2, claimed.get(claimed.size() - 1).id);
            statement.setArray(3, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    held.add(result.getString(1));
                }
            }
        }
        return held;
    }

    private static void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_SENT)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            statement.executeUpdate();
        }
    }

    private static void markFailed(Connection connection, List<Long> ids, String error) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_FAILED)) {
            statement.setString(1, error == null ? null : error.substring(0, Math.min(error.length(), 2000)));
            statement.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            statement.executeUpdate();
        }
    }

    private record Row(long id, String topic, EventEnvelope envelope) {
    }

    /** What one relay transaction did: rows claimed, rows left unsent, and the first send error. */
    record BatchResult(int claimed, int failed, String error) {
    }
}
