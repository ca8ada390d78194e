package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.plumbing.TestEvents;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.resolve.testing.KafkaTopics.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class InboxTest {

    static final String TOPIC = "plumbing.test.events";
    static final String DEAD_LETTERS = "plumbing-test.dlq";

    @Inject
    EntityManager entityManager;

    @Test
    void shouldApplyARedeliveredEventOnce() {
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(TOPIC,
                TestEvents.envelope(eventId, TestEvents.requestLogged(requestId, "once")));
        KafkaTopics.send(record);
        KafkaTopics.send(record);
        UUID marker = UUID.randomUUID();
        KafkaTopics.send(CloudEventCodec.toRecord(TOPIC, TestEvents.envelope(marker, TestEvents.requestLogged(requestId, "after"))));

        // Same key, same partition: once the later event is handled, both copies of the first one have been seen.
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(marker) == 1);
        assertThat(handled(eventId)).isEqualTo(1);
        given().get("/q/metrics").then()
                .body(containsString("resolve_events_consumed_total{consumer=\"test-events\",outcome=\"duplicate\",type=\"RequestLogged.v1\"}"));
    }

    @Test
    void shouldDeadLetterRecordsItCannotRead() {
        String key = "unreadable-" + UUID.randomUUID();
        KafkaTopics.send(new ProducerRecord<>(TOPIC, key, "not json at all".getBytes(StandardCharsets.UTF_8)));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(header(dead, "dead-letter-reason")).contains("header ce_specversion is missing");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        given().get("/q/metrics").then()
                .body(containsString("resolve_events_dead_lettered_total{consumer=\"test-events\",reason=\"malformed\"}"));
    }

    @Test
    void shouldDeadLetterPayloadsThatBreakTheirSchema() {
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(TestEvents.requestLogged(requestId, "bad"));
        payload.remove("requestNumber");
        var good = TestEvents.envelope(eventId, TestEvents.requestLogged(requestId, "bad"));
        var envelope = new dev.resolve.contracts.events.EventEnvelope(eventId, good.type(), 1, good.occurredAt(), good.producer(),
                good.aggregateType(), good.aggregateId(), good.correlationId(), null, good.actor(), payload);
        KafkaTopics.send(CloudEventCodec.toRecord(TOPIC, envelope));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(requestId.toString());
        assertThat(header(dead, "dead-letter-reason")).contains("RequestLogged.v1 payload breaks its schema").contains("requestNumber");
        assertThat(header(dead, "ce_id")).isEqualTo(eventId.toString());
        assertThat(handled(eventId)).isZero();
        given().get("/q/metrics").then()
                .body(containsString("resolve_events_dead_lettered_total{consumer=\"test-events\",reason=\"invalid\"}"));
    }

    @Test
    void shouldDeadLetterAnEventWhoseHandlerKeepsFailing() {
        UUID requestId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaTopics.send(CloudEventCodec.toRecord(TOPIC,
                TestEvents.envelope(eventId, TestEvents.requestLogged(requestId, TestConsumer.ALWAYS_FAILS))));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(requestId.toString());
        assertThat(header(dead, "dead-letter-reason")).contains("handler failed 3 times").contains("the handler cannot cope");
        assertThat(handled(eventId)).isZero();
        assertThat(remembered(eventId)).isZero();
    }

    @Test
    void shouldSkipEventTypesItDoesNotHandle() {
        UUID caseId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        CaseOpened opened = new CaseOpened(caseId, UUID.randomUUID(), "SR-000001", "CUST-1", "PORTAL", "REFUND", "NEW",
                null, null, true, Instant.now(), "billing");
        KafkaTopics.send(CloudEventCodec.toRecord(TOPIC, new dev.resolve.contracts.events.EventEnvelope(eventId, "CaseOpened", 1,
                Instant.now(), "case-service", "Case", caseId.toString(), "c", null, "system:case-service",
                Json.mapper().valueToTree(opened))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("resolve_events_consumed_total{consumer=\"test-events\",outcome=\"ignored\",type=\"CaseOpened.v1\"}")));
        assertThat(KafkaTopics.read(DEAD_LETTERS, r -> caseId.toString().equals(r.key()))).isEmpty();
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !KafkaTopics.read(DEAD_LETTERS, r -> key.equals(r.key())).isEmpty());
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.read(DEAD_LETTERS, r -> key.equals(r.key()));
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private long handled(UUID eventId) {
        return count("SELECT count(*) FROM handled_event WHERE event_id = ?1", eventId);
    }

    private long remembered(UUID eventId) {
        return count("SELECT count(*) FROM inbox_processed_event WHERE event_id = ?1", eventId);
    }

    private long count(String sql, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, eventId).getSingleResult()).longValue());
    }
}
