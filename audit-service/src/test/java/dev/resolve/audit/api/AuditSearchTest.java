package dev.resolve.audit.api;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asRole;
import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The trail of one case, request, customer or actor, and search by type, correlation id and time, keyset-paged. */
@QuarkusTest
class AuditSearchTest {

    private final String customer = "CUST-T" + UUID.randomUUID().toString().substring(0, 8);
    private final String caseId = UUID.randomUUID().toString();
    private final String requestId = UUID.randomUUID().toString();
    private final String approvalId = UUID.randomUUID().toString();
    private final String correlationId = "corr-" + UUID.randomUUID();
    private final String actor = "agent-" + UUID.randomUUID();

    /** A request logged, its case opened, an approval asked for the case and a note by a person on the case. */
    private List<EventEnvelope> story() {
        List<EventEnvelope> events = new ArrayList<>();
        events.add(TestEvents.publish(by(TestEvents.envelope(AuditEvents.requestLogged(UUID.fromString(requestId), customer),
                requestId, correlationId), "system:intake-service")));
        events.add(TestEvents.publish(by(TestEvents.envelope(AuditEvents.caseOpened(UUID.fromString(caseId),
                UUID.fromString(requestId), customer), caseId, correlationId), "system:case-service")));
        events.add(TestEvents.publish(envelope("ApprovalCommentAdded", "ApprovalRequest", approvalId,
                Map.of("approvalRequestId", approvalId, "caseId", caseId, "customerReference", customer), "system:approval-service")));
        events.add(TestEvents.publish(envelope("CaseNoteAdded", "Case", caseId,
                Map.of("caseId", caseId, "note", "Called the customer", "caseNumber", 7), actor)));
        await().atMost(Duration.ofSeconds(30)).until(() -> search(Map.of("correlationId", correlationId)).size() == 4);
        return events;
    }

    @Test
    void shouldFindTheTrailOfACaseARequestACustomerAndAnActor() {
        story();
        assertThat(types(Map.of("caseId", caseId))).containsExactlyInAnyOrder("CaseOpened.v1", "ApprovalCommentAdded.v1",
                "CaseNoteAdded.v1");
        // Events of different topics may be recorded in either order; each trail is in chain order.
        assertThat(types(Map.of("requestId", requestId))).containsExactlyInAnyOrder("RequestLogged.v1", "CaseOpened.v1");
        assertThat(types(Map.of("customerReference", customer)))
                .containsExactlyInAnyOrder("RequestLogged.v1", "CaseOpened.v1", "ApprovalCommentAdded.v1");
        assertThat(search(Map.of("customerReference", customer))).extracting(entry -> ((Number) entry.get("sequence")).longValue())
                .isSorted();
        assertThat(types(Map.of("actor", actor))).containsExactly("CaseNoteAdded.v1");
        assertThat(types(Map.of("aggregateId", approvalId))).containsExactly("ApprovalCommentAdded.v1");
        // Filters combine.
        assertThat(types(Map.of("caseId", caseId, "eventType", "CaseOpened.v1"))).containsExactly("CaseOpened.v1");
        assertThat(types(Map.of("customerReference", customer, "actor", actor))).isEmpty();
    }

    @Test
    void shouldShowActorEventTimeAndHashOfEveryEntry() {
        story();
        Map<String, Object> entry = search(Map.of("actor", actor)).get(0);
        assertThat(entry).containsEntry("actor", actor).containsEntry("eventType", "CaseNoteAdded.v1")
                .containsKeys("occurredAt", "recordedAt", "hash", "previousHash", "sequence", "content");
    }

    @Test
    void shouldSearchByTimeRange() {
        Instant before = Instant.now().minusSeconds(1);
        story();
        Instant after = Instant.now().plusSeconds(1);
        assertThat(types(Map.of("correlationId", correlationId, "occurredFrom", before.toString(), "occurredTo", after.toString())))
                .hasSize(4);
        assertThat(types(Map.of("correlationId", correlationId, "occurredFrom", after.toString()))).isEmpty();
        assertThat(types(Map.of("correlationId", correlationId, "occurredTo", before.toString()))).isEmpty();
    }

    @Test
    void shouldPageThroughASearchAndRefuseACursorOfAnotherSearch() {
        story();
        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        do {
            var request = asStaff().queryParam("customerReference", customer).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit/entries").then().statusCode(200).extract().jsonPath();
            sequences.addAll(page.getList("items.sequence", Long.class));
            cursor = page.getString("nextCursor");
            if (cursor != null && sequences.size() == 1) {
                asStaff().queryParam("actor", actor).queryParam("cursor", cursor).get("/api/v1/audit/entries")
                        .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
            }
        } while (cursor != null);
        assertThat(sequences).hasSize(3).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldLetOnlyAuditorsControllersAndAdminsRead() {
        for (String role : List.of("auditor", "controller", "admin")) {
            asRole(role).queryParam("caseId", caseId).get("/api/v1/audit/entries").then().statusCode(200);
        }
        for (String role : List.of("agent", "team-lead", "customer")) {
            asRole(role).queryParam("caseId", caseId).get("/api/v1/audit/entries").then().statusCode(403)
                    .contentType("application/problem+json");
            asRole(role).get("/api/v1/audit/export").then().statusCode(403);
            asRole(role).get("/api/v1/audit/verify").then().statusCode(403);
        }
    }

    private EventEnvelope envelope(String type, String aggregateType, String aggregateId, Map<String, Object> payload,
            String by) {
        return by(AuditEvents.envelope(type, aggregateType, aggregateId, payload), by);
    }

    /** {@code base} with this story's correlation id, caused by {@code by}. */
    private EventEnvelope by(EventEnvelope base, String by) {
        return new EventEnvelope(base.eventId(), base.type(), base.schemaVersion(), base.occurredAt(), base.producer(),
                base.aggregateType(), base.aggregateId(), correlationId, base.causationId(), by,
                by.startsWith("system:") ? List.of() : List.of("agent"), base.payload());
    }

    private static List<Map<String, Object>> search(Map<String, Object> filters) {
        return asStaff().queryParams(filters).queryParam("limit", 200).get("/api/v1/audit/entries").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static List<Object> types(Map<String, Object> filters) {
        return search(filters).stream().map(entry -> entry.get("eventType")).toList();
    }
}
