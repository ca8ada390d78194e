package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.json.Json;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.TestEvents;
import dev.resolve.testing.KafkaTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay against chosen send failures ({@link SendFaults}) on the real broker. */
@QuarkusTest
class OutboxRelayFaultsTest {

    @Inject
    EventPublisher publisher;
    @Inject
    EntityManager entityManager;
    @Inject
    OutboxAdministration administration;
    @Inject
    MeterRegistry meters;

    private final EventMetadata metadata = EventMetadata.fromRequest("corr-relay-faults", "tester");

    @AfterEach
    void clearFaults() {
        SendFaults.clear();
    }

    @Test
    void shouldNeverDeliverAnEventBeforeAnEarlierOneOfItsAggregateWhateverFails() {
        UUID aggregate = UUID.randomUUID();
        String tag = aggregate.toString().substring(0, 8);
        // Refused outright twice; refused after it reached Kafka; one whose send throws; a retriable refusal.
        SendFaults.failing(tag + "-2", 2, () -> new RecordTooLargeException("chosen"));
        SendFaults.failingAfterDelivery(tag + "-4", 1, () -> new NotLeaderOrFollowerException("chosen"));
        SendFaults.throwing(tag + "-6", 1, () -> new InvalidTopicException("chosen"));
        SendFaults.failing(tag + "-8", 2, () -> new NotLeaderOrFollowerException("chosen"));
        UUID other = UUID.randomUUID();

        QuarkusTransaction.requiringNew().run(() -> {
            for (int n = 1; n <= 10; n++) {
                publisher.publish(aggregate.toString(), TestEvents.requestLogged(aggregate, tag + "-" + n), metadata);
                publisher.publish(other.toString(), TestEvents.requestLogged(other, "other-" + n), metadata);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(aggregate) == 0 && unsent(other) == 0);
        List<Integer> delivered = sequence(aggregate, tag);
        // Every event arrived, and none before an earlier one (a redelivery may follow its own first copy).
        assertThat(delivered).containsAll(IntStream.rangeClosed(1, 10).boxed().toList());
        assertThat(delivered).isSorted();
        assertThat(sequence(other, "other")).containsExactlyElementsOf(IntStream.rangeClosed(1, 10).boxed().toList());
    }

    @Test
    void shouldParkARowThatKeepsFailingWithoutSlowingOtherAggregates() {
        UUID stuck = UUID.randomUUID();
        String tag = stuck.toString().substring(0, 8);
        SendFaults.failing(tag + "-2", Integer.MAX_VALUE, () -> new TopicAuthorizationException(Set.of(Topics.INTAKE_REQUESTS)));
        double parkedBefore = meters.counter("resolve.outbox.parked").count();

        QuarkusTransaction.requiringNew().run(() -> {
            for (int n = 1; n <= 4; n++) {
                publisher.publish(stuck.toString(), TestEvents.requestLogged(stuck, tag + "-" + n), metadata);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> parkedRow(stuck) != null);
        OutboxAdministration.ParkedEvent parked = parkedRow(stuck);
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.lastError()).contains("TopicAuthorizationException");
        assertThat(parked.waitingBehind()).isEqualTo(2);
        assertThat(meters.counter("resolve.outbox.parked").count()).isEqualTo(parkedBefore + 1);

        // Other aggregates go straight out meanwhile, one after another.
        for (int i = 0; i < 5; i++) {
            UUID flowing = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() ->
                    publisher.publish(flowing.toString(), TestEvents.requestLogged(flowing, "flowing"), metadata));
            await().atMost(Duration.ofSeconds(2)).until(() -> unsent(flowing) == 0);
        }
        // The stuck aggregate's later events wait behind the parked one.
        assertThat(sequence(stuck, tag)).containsExactly(1);
        assertThat(unsent(stuck)).isEqualTo(3);

        // After the fix an operator retries it: it goes out, then the ones behind it, in order.
        SendFaults.clear();
        assertThat(administration.retry(parked.eventId())).isTrue();
        assertThat(administration.retry(parked.eventId())).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> unsent(stuck) == 0);
        assertThat(sequence(stuck, tag)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void shouldKeepRelayingAfterAnErrorThatWouldEndAThread() {
        UUID aggregate = UUID.randomUUID();
        String subject = "fatal-" + aggregate;
        SendFaults.throwing(subject, 1, () -> new StackOverflowError("chosen"));
        QuarkusTransaction.requiringNew().run(() ->
                publisher.publish(aggregate.toString(), TestEvents.requestLogged(aggregate, subject), metadata));

        await().atMost(Duration.ofSeconds(20)).until(() -> unsent(aggregate) == 0);
        UUID later = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                publisher.publish(later.toString(), TestEvents.requestLogged(later, "after the error"), metadata));
        await().atMost(Duration.ofSeconds(5)).until(() -> unsent(later) == 0);
    }

    private OutboxAdministration.ParkedEvent parkedRow(UUID aggregate) {
        return administration.parked(0, 1000).stream()
                .filter(row -> row.aggregateId().equals(aggregate.toString())).findFirst().orElse(null);
    }

    private long unsent(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_message WHERE aggregate_id = ?1")
                .setParameter(1, aggregate.toString()).getSingleResult()).longValue());
    }

    /** The numbers after {@code tag-} in the subjects of the aggregate's records, in topic order. */
    private static List<Integer> sequence(UUID aggregate, String tag) {
        List<Integer> numbers = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> aggregate.toString().equals(r.key()))) {
            String subject = json(record).get("subject").asText();
            numbers.add(Integer.parseInt(subject.substring(tag.length() + 1)));
        }
        return numbers;
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
