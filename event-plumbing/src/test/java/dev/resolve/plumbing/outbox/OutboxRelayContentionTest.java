package dev.resolve.plumbing.outbox;

import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A relay that can send nothing, or only slowly, waits instead of spinning, and never holds its rows for long. */
@QuarkusTest
@TestProfile(OutboxRelayContentionTest.SmallBatches.class)
class OutboxRelayContentionTest {

    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "resolve.events.outbox.batch-size", "5",
                    "resolve.events.outbox.poll-interval", "10m",
                    "resolve.events.outbox.max-block", "300ms",
                    "resolve.events.outbox.send-timeout", "2s",
                    "mp.messaging.incoming.test-events.enabled", "false");
        }
    }

    @Inject
    EventPublisher publisher;
    @Inject
    EntityManager entityManager;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry meters;
    @Inject
    OutboxRelay relay;

    private final EventMetadata metadata = EventMetadata.fromRequest("corr-contention", "tester");

    @AfterEach
    void clearFaults() {
        SendFaults.clear();
    }

    @Test
    void shouldWaitRatherThanSpinWhileAnotherInstanceHoldsTheOlderRows() throws Exception {
        UUID held = UUID.randomUUID();
        try (Connection other = dataSource.getConnection()) {
            // Rows written without waking this relay, as another instance would write them.
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO outbox_message (event_id, topic, aggregate_type, aggregate_id, event_type, schema_version,
                                                occurred_at, producer, correlation_id, actor, payload)
                    SELECT gen_random_uuid(), 'intake.requests', 'ServiceRequest', ?, 'RequestLogged', 1, now(),
                           'plumbing-test', 'corr-contention', 'tester', jsonb_build_object('subject', 'held-' || n)
                      FROM generate_series(1, 20) AS n""")) {
                insert.setString(1, held.toString());
                assertThat(insert.executeUpdate()).isEqualTo(20);
            }
            // "Another instance" holds the aggregate's oldest rows: this relay claims a full batch and may send none.
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("""
                    SELECT id FROM outbox_message WHERE aggregate_id = ? ORDER BY id LIMIT 3 FOR UPDATE""")) {
                lock.setString(1, held.toString());
                lock.executeQuery().close();
            }
            double before = polls();
            UUID wake = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() ->
                    publisher.publish(wake.toString(), TestEvents.requestLogged(wake, "wake-up"), metadata));
            Thread.sleep(2000);
            double during = polls() - before;
            // One claim per wake-up, not thousands of claims of rows it may not send.
            assertThat(during).isLessThan(10);
            assertThat(unsent(held)).isEqualTo(20);
            other.rollback();
        }
        // Once the other instance lets go (and the next commit wakes this relay), all of them go out, in order.
        UUID wake = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                publisher.publish(wake.toString(), TestEvents.requestLogged(wake, "wake-up"), metadata));
        await().atMost(Duration.ofSeconds(10)).until(() -> unsent(held) == 0);
    }

    @Test
    void shouldNotWaitForMetadataOnceForEverySendWhileTheBrokerIsAway() throws Exception {
        String prefix = "blocked-" + UUID.randomUUID();
        List<String> subjects = IntStream.rangeClosed(1, 40).mapToObj(n -> prefix + "-" + n).toList();
        // Every send waits max-block (300 ms) for metadata and gives up: what a producer does while the broker is away.
        subjects.forEach(subject -> SendFaults.throwing(subject, Integer.MAX_VALUE, () -> {
            sleep(300);
            return new TimeoutException("Topic intake.requests not present in metadata after 300 ms.");
        }));
        QuarkusTransaction.requiringNew().run(() -> subjects.forEach(subject -> {
            UUID each = UUID.randomUUID();
            publisher.publish(each.toString(), TestEvents.requestLogged(each, subject), metadata);
        }));
        Thread.sleep(2000);

        // One blocked send per batch, then a pause: not 40 blocked sends one after the other in each transaction.
        assertThat(subjects.stream().mapToInt(SendFaults::tried).sum()).isBetween(1, 8);
        assertThat(relay.outage()).isNotNull();
        // An outage is nobody's fault: no row was charged an attempt.
        assertThat(attemptsWithSubjectPrefix(prefix)).isZero();

        SendFaults.clear();
        await().atMost(Duration.ofSeconds(15)).until(() -> unsentWithSubjectPrefix(prefix) == 0);
    }

    private double polls() {
        return meters.counter("resolve.outbox.relay.polls").count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long unsent(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_message WHERE aggregate_id = ?1")
                .setParameter(1, aggregate.toString()).getSingleResult()).longValue());
    }

    private long attemptsWithSubjectPrefix(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT coalesce(sum(attempts), 0) FROM outbox_message WHERE payload->>'subject' LIKE ?1")
                .setParameter(1, prefix + "%").getSingleResult()).longValue());
    }

    private long unsentWithSubjectPrefix(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_message WHERE payload->>'subject' LIKE ?1")
                .setParameter(1, prefix + "%").getSingleResult()).longValue());
    }
}
