package dev.resolve.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.json.Json;
import dev.resolve.testing.TestEvents;
import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.awaitility.Awaitility.await;

/** Events as the other services emit them, and the audit trail's answers about them. */
final class AuditEvents {

    private AuditEvents() {
    }

    static RequestLogged requestLogged(UUID requestId) {
        return requestLogged(requestId, "CUST-1001");
    }

    static RequestLogged requestLogged(UUID requestId, String customerReference) {
        return new RequestLogged(requestId, "SR-000042", "PORTAL", "REFUND", customerReference, "Refund the double charge",
                "Charged twice for November", new Money(new BigDecimal("1250.00"), "EUR"), "INV-2026-0042", true,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    static CaseOpened caseOpened(UUID caseId, UUID requestId) {
        return caseOpened(caseId, requestId, "CUST-1001");
    }

    static CaseOpened caseOpened(UUID caseId, UUID requestId, String customerReference) {
        return new CaseOpened(caseId, requestId, "SR-000042", customerReference, "PORTAL", "REFUND", "NEW",
                new Money(new BigDecimal("1250.00"), "EUR"), "INV-2026-0042", true, Instant.now().truncatedTo(ChronoUnit.MICROS), "billing");
    }

    static EventEnvelope publishCaseOpened(String caseId) {
        return TestEvents.publish(caseOpened(UUID.fromString(caseId), UUID.randomUUID()), caseId);
    }

    /** An envelope built by hand, as a producer of a type this service has no Java class for would send it. */
    static EventEnvelope envelope(String type, String aggregateType, String aggregateId, Map<String, Object> payload) {
        JsonNode tree = Json.mapper().valueToTree(payload);
        return new EventEnvelope(UUID.randomUUID(), type, 1, Instant.now(), "case-service", aggregateType, aggregateId,
                "corr-" + UUID.randomUUID(), "cause-" + UUID.randomUUID(), "system:case-service", tree);
    }

    /** The audit entries about {@code aggregateId} (first page of 200). */
    static JsonPath entries(String aggregateId) {
        return asStaff().queryParam("aggregateId", aggregateId).queryParam("limit", 200)
                .get("/api/v1/audit/entries").then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the trail holds {@code count} entries about {@code aggregateId} and returns them. */
    static List<Map<String, Object>> awaitEntries(String aggregateId, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> entries(aggregateId).<Map<String, Object>>getList("items"), items -> items.size() >= count);
    }
}
