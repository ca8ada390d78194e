package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.plumbing.TestEvents;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Dead letters are listed, and re-driven once after a fix; a re-driven event that was applied changes nothing. */
@QuarkusTest
class DeadLetterRedriveTest {

    @Inject
    EntityManager entityManager;

    @Test
    void shouldReDriveADeadLetterOnceAfterTheFixAndApplyIt() {
        TestConsumer.FIXED.set(false);
        EventEnvelope event = TestEvents.envelope(UUID.randomUUID(),
                TestEvents.requestLogged(UUID.randomUUID(), TestConsumer.FAILS_UNTIL_FIXED));
        KafkaTopics.send(CloudEventCodec.toRecord(InboxTest.TOPIC, event));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asStaff().get("/api/v1/admin/events/dead-letters")
                .then().statusCode(200).body("items.eventId", hasItem(event.eventId().toString())));
        asStaff().get("/api/v1/admin/events/dead-letters").then()
                .body("items.find { it.eventId == '" + event.eventId() + "' }.reason", org.hamcrest.Matchers.containsString("handler failed"))
                .body("items.find { it.eventId == '" + event.eventId() + "' }.originalTopic", org.hamcrest.Matchers.equalTo(InboxTest.TOPIC));
        assertThat(handled(event.eventId())).isZero();

        TestConsumer.FIXED.set(true);
        asStaff().post("/api/v1/admin/events/dead-letters/redrive").then().statusCode(200)
                .body("redriven", greaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(event.eventId()) == 1);
        asStaff().get("/api/v1/admin/events/dead-letters").then().statusCode(200)
                .body("items.eventId", not(hasItem(event.eventId().toString())));

        // Once only: a second re-drive has nothing left to send.
        asStaff().post("/api/v1/admin/events/dead-letters/redrive").then().statusCode(200).body("redriven", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void shouldChangeNothingWhenAReDrivenEventWasAppliedAlready() {
        EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), TestEvents.requestLogged(UUID.randomUUID(), "applied once"));
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(InboxTest.TOPIC, event);
        KafkaTopics.send(record);
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(event.eventId()) == 1);

        // The same event also sits in the dead-letter topic, as a consumer of another instance might have left it.
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(InboxTest.DEAD_LETTERS, null, record.key(), record.value(), record.headers());
        dead.headers().add("dead-letter-topic", InboxTest.TOPIC.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-reason", "left behind".getBytes(StandardCharsets.UTF_8));
        KafkaTopics.send(dead);
        asStaff().post("/api/v1/admin/events/dead-letters/redrive").then().statusCode(200).body("redriven", greaterThanOrEqualTo(1));

        UUID marker = UUID.randomUUID();
        EventEnvelope after = TestEvents.envelope(marker, TestEvents.requestLogged(UUID.fromString(event.aggregateId()), "marker"));
        KafkaTopics.send(CloudEventCodec.toRecord(InboxTest.TOPIC, after));
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(marker) == 1);
        assertThat(handled(event.eventId())).isEqualTo(1);
    }

    private long handled(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM handled_event WHERE event_id = ?1").setParameter(1, eventId).getSingleResult()).longValue());
    }
}
