package dev.resolve.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.messaging.AuditEventConsumer;
import dev.resolve.audit.service.AuditTrail;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.json.CanonicalJson;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.events.Topics;
import dev.resolve.testing.KafkaTopics;
import dev.resolve.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every event of every topic lands in the chain once, and the chain reads back per aggregate. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    Rows rows;

    @Test
    void shouldRecordRequestLoggedAndCaseOpened() throws Exception {
        UUID requestId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        EventEnvelope logged = TestEvents.publish(AuditEvents.requestLogged(requestId), requestId.toString());
        EventEnvelope opened = TestEvents.publish(AuditEvents.caseOpened(caseId, requestId), caseId.toString());

        Map<String, Object> request = AuditEvents.awaitEntries(requestId.toString(), 1).get(0);
        assertThat(request).containsEntry("eventId", logged.eventId().toString())
                .containsEntry("eventType", "RequestLogged.v1")
                .containsEntry("aggregateType", "ServiceRequest")
                .containsEntry("aggregateId", requestId.toString())
                .containsEntry("correlationId", logged.correlationId())
                .containsEntry("actor", "tester")
                .containsEntry("actorRoles", java.util.List.of("agent", "team-lead"))
                .containsEntry("producer", "test-producer")
                .doesNotContainKey("causationId");
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) request.get("payload");
        assertThat(payload).containsEntry("requestId", requestId.toString()).containsEntry("type", "REFUND")
                .containsEntry("financial", true);
        assertThat(payload.get("disputedAmount")).isEqualTo(Map.of("amount", "1250.00", "currency", "EUR"));
        assertThat((String) request.get("occurredAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(request.get("recordedAt")).isNotNull();
        assertThat(((Number) request.get("sequence")).longValue()).isPositive();
        assertEntryHashesItsContent(request, logged);

        Map<String, Object> caseEntry = AuditEvents.awaitEntries(caseId.toString(), 1).get(0);
        assertThat(caseEntry).containsEntry("eventId", opened.eventId().toString())
                .containsEntry("eventType", "CaseOpened.v1")
                .containsEntry("aggregateType", "Case");
        assertEntryHashesItsContent(caseEntry, opened);
        assertThat(caseEntry.get("sequence")).isNotEqualTo(request.get("sequence"));
    }

    @Test
    void shouldRecordARedeliveredEventOnce() {
        String caseId = UUID.randomUUID().toString();
        EventEnvelope envelope = TestEvents.envelope(AuditEvents.caseOpened(UUID.fromString(caseId), UUID.randomUUID()), caseId, "corr-twice");
        TestEvents.publish(envelope);
        TestEvents.publish(envelope);
        AuditEvents.awaitEntries(caseId, 1);
        // A later event of the same aggregate arrives after both copies (same topic and key, so same partition).
        EventEnvelope later = TestEvents.publish(AuditEvents.caseOpened(UUID.fromString(caseId), UUID.randomUUID()), caseId);
        List<Map<String, Object>> entries = AuditEvents.awaitEntries(caseId, 2);
        assertThat(entries).extracting(entry -> entry.get("eventId"))
                .containsExactly(envelope.eventId().toString(), later.eventId().toString());
        // The entry, unique per event id, is the record that the event was applied: no separate inbox row.
        assertThat(rows.entriesForEvent(envelope.eventId())).isEqualTo(1);
        assertThat(rows.inboxRecords(AuditEventConsumer.CONSUMER, envelope.eventId())).isZero();
    }

    @Test
    void shouldRecordEventTypesThisServiceHasNoClassFor() {
        String caseId = UUID.randomUUID().toString();
        EventEnvelope assigned = TestEvents.publish(AuditEvents.envelope("CaseAssigned", "Case", caseId, Map.of(
                "caseId", caseId, "requestId", UUID.randomUUID().toString(), "team", "billing-disputes",
                "assignee", "agent.mueller", "assignmentMode", "AUTOMATIC", "assignedAt", "2026-11-23T08:16:02.000Z")));
        // A type no schema exists for yet: recorded all the same.
        EventEnvelope future = TestEvents.publish(AuditEvents.envelope("CaseArchived", "Case", caseId,
                Map.of("caseId", caseId, "archivedAt", "2027-01-01T00:00:00Z", "amount", 12.50)));

        List<Map<String, Object>> entries = AuditEvents.awaitEntries(caseId, 2);
        assertThat(entries).extracting(entry -> entry.get("eventType")).containsExactly("CaseAssigned.v1", "CaseArchived.v1");
        assertThat(entries.get(0)).containsEntry("causationId", assigned.causationId())
                .containsEntry("actor", "system:case-service").containsEntry("producer", "case-service");
        assertEntryHashesItsContent(entries.get(0), assigned);
        assertEntryHashesItsContent(entries.get(1), future);
    }

    @Test
    void shouldRecordApprovalEvents() {
        String approvalId = UUID.randomUUID().toString();
        EventEnvelope escalated = TestEvents.publish(AuditEvents.envelope("ApprovalReminderSent", "ApprovalRequest", approvalId,
                Map.of("approvalRequestId", approvalId, "approver", "finance.lead")));
        Map<String, Object> entry = AuditEvents.awaitEntries(approvalId, 1).get(0);
        assertThat(entry).containsEntry("eventType", "ApprovalReminderSent.v1").containsEntry("aggregateType", "ApprovalRequest");
        assertEntryHashesItsContent(entry, escalated);
    }

    @Test
    void shouldDeadLetterARecordThatIsNotAnEventAndRecordNothing() {
        String key = "poison-" + UUID.randomUUID();
        KafkaTopics.send(new ProducerRecord<>(Topics.CASES_EVENTS, key, "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8)));
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30)).until(
                () -> KafkaTopics.read(Topics.deadLetter("audit-service"), r -> key.equals(r.key())), found -> found.size() == 1);
        assertThat(KafkaTopics.header(dead.get(0), "dead-letter-reason")).contains("unreadable event");
        asStaff().queryParam("aggregateId", key).get("/api/v1/audit/entries").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void shouldPageThroughAnAggregatesEntriesInChainOrder() {
        String caseId = UUID.randomUUID().toString();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            published.add(AuditEvents.publishCaseOpened(caseId).eventId().toString());
        }
        AuditEvents.awaitEntries(caseId, 3);

        List<String> seen = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            var request = asStaff().queryParam("aggregateId", caseId).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/api/v1/audit/entries").then().statusCode(200)
                    .contentType("application/json").extract().jsonPath();
            assertThat(body.getList("items")).hasSize(1);
            seen.add(body.getString("items[0].eventId"));
            sequences.add(body.getLong("items[0].sequence"));
            cursor = body.getString("nextCursor");
            if (page < 2) {
                assertThat(cursor).as("page %d has a next page", page).isNotBlank();
            }
        }
        assertThat(cursor).as("the last page has no nextCursor").isNull();
        assertThat(seen).containsExactlyElementsOf(published);
        assertThat(sequences).isSorted().doesNotHaveDuplicates();

        asStaff().queryParam("aggregateId", caseId).queryParam("limit", 3).get("/api/v1/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(3)).body("$", not(hasKey("nextCursor")));
        asStaff().queryParam("aggregateId", caseId).get("/api/v1/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(3));
    }

    @Test
    void shouldAnswerAnEmptyPageForAnAggregateWithoutEntries() {
        asStaff().queryParam("aggregateId", "nobody-" + UUID.randomUUID()).get("/api/v1/audit/entries")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("$", not(hasKey("nextCursor")));
    }

    @Test
    void shouldNeverForkTheChainUnderConcurrentAppends() throws Exception {
        String aggregateId = "concurrent-" + UUID.randomUUID();
        int appenders = 6;
        int perAppender = 10;
        ExecutorService pool = Executors.newFixedThreadPool(appenders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < perAppender; i++) {
                        EventEnvelope envelope = AuditEvents.envelope("CaseNoted", "Case", aggregateId, Map.of("note", "n" + i));
                        QuarkusTransaction.requiringNew().run(() -> trail.append(envelope));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Map<String, Object>> entries = AuditEvents.entries(aggregateId).getList("items");
        assertThat(entries).hasSize(appenders * perAppender);
        assertThat(entries).extracting(entry -> ((Number) entry.get("sequence")).longValue()).doesNotHaveDuplicates().isSorted();
        assertThat(rows.entriesLinkingTheSamePreviousHash()).isZero();
        asStaff().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true))
                .body("lastHash", notNullValue());
    }

    /** The entry's content is the canonical form of the envelope plus its sequence, and its hash covers it. */
    private static void assertEntryHashesItsContent(Map<String, Object> entry, EventEnvelope envelope) {
        long sequence = ((Number) entry.get("sequence")).longValue();
        String content = (String) entry.get("content");
        assertThat(content).isEqualTo(ChainHash.content(envelope, sequence));
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(content);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(CanonicalJson.write(parsed)).as("stored canonically").isEqualTo(content);
        assertThat(parsed.path("occurredAt").asText()).isEqualTo(envelope.occurredAt().toString());
        assertThat(parsed.path("sequence").asLong()).isEqualTo(sequence);
        assertThat(entry.get("hash")).isEqualTo(CanonicalJson.sha256Hex(entry.get("previousHash") + "\n" + content));
    }
}
