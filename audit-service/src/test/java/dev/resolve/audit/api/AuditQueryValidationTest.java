package dev.resolve.audit.api;

import dev.resolve.api.paging.Cursor;
import dev.resolve.audit.persistence.AuditEntryRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static dev.resolve.testing.Callers.asStaff;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

/** Every bad query a client can send gets a 400 problem naming the parameter. */
@QuarkusTest
class AuditQueryValidationTest {

    private static ValidatableResponse rejected(Map<String, ?> query, String... fields) {
        RequestSpecification request = asStaff();
        query.forEach(request::queryParam);
        return request.get("/api/v1/audit/entries").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("type", equalTo("urn:resolve:problem:validation"))
                .body("violations.field", containsInAnyOrder((Object[]) fields))
                .body("violations.in", everyItem(equalTo("query")))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldRejectBlankOrOverlongFilters() {
        for (String filter : new String[] {"aggregateId", "caseId", "requestId", "customerReference", "actor", "eventType",
                "correlationId"}) {
            rejected(Map.of(filter, ""), filter);
            rejected(Map.of(filter, "   "), filter);
            rejected(Map.of(filter, "x".repeat(201)), filter);
        }
    }

    @Test
    void shouldRejectATimeRangeThatIsNotOne() {
        rejected(Map.of("occurredFrom", "yesterday"), "occurredFrom");
        rejected(Map.of("occurredFrom", ""), "occurredFrom");
        rejected(Map.of("occurredTo", "2026-11-30T10:00:00"), "occurredTo");
        rejected(Map.of("occurredFrom", "2026-11-30T10:00:00Z", "occurredTo", "2026-11-30T10:00:00Z"), "occurredTo");
        rejected(Map.of("occurredFrom", "2026-11-30T11:00:00+01:00", "occurredTo", "2026-11-30T09:59:59Z"), "occurredTo");
    }

    @Test
    void shouldReadTheWholeTrailWithoutFilters() {
        asStaff().get("/api/v1/audit/entries").then().statusCode(200).body("items", notNullValue());
    }

    @Test
    void shouldRejectAPartialCheckpointOnVerify() {
        asStaff().queryParam("checkpointSequence", 3).queryParam("checkpointHash", "a".repeat(64))
                .get("/api/v1/audit/verify").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("checkpointSignedAt", "checkpointKeyId", "checkpointSignature"));
        asStaff().queryParam("checkpointSequence", 0).queryParam("checkpointHash", "XYZ")
                .queryParam("checkpointKeyId", "short").queryParam("checkpointSignedAt", "x")
                .queryParam("checkpointSignature", "y")
                .get("/api/v1/audit/verify").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("checkpointSequence", "checkpointHash", "checkpointKeyId"));
        asStaff().queryParam("checkpointSequence", 3).queryParam("checkpointHash", "a".repeat(64))
                .queryParam("checkpointKeyId", "0123456789abcdef").queryParam("checkpointSignedAt", "not a time")
                .queryParam("checkpointSignature", "c2lnbmF0dXJl")
                .get("/api/v1/audit/verify").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("checkpointSignedAt"));
    }

    @Test
    void shouldRejectExportRangesThatAreNotOnes() {
        ChainTamperTest.entryOfANewCase();
        asStaff().queryParam("fromSequence", 0).get("/api/v1/audit/export").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", containsInAnyOrder("fromSequence"));
        asStaff().queryParam("fromSequence", "abc").get("/api/v1/audit/export").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("fromSequence"));
        asStaff().queryParam("fromSequence", Long.MAX_VALUE).get("/api/v1/audit/export").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("fromSequence"));
        asStaff().queryParam("fromSequence", 2).queryParam("toSequence", 1).get("/api/v1/audit/export").then()
                .statusCode(400).body("violations.field", containsInAnyOrder("toSequence"));
    }

    @Test
    void shouldRejectACheckpointCursorItDidNotIssue() {
        asStaff().queryParam("cursor", "garbage!").get("/api/v1/audit/checkpoints").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("cursor"));
        asStaff().queryParam("cursor", Cursor.of("0").encode()).get("/api/v1/audit/checkpoints").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("cursor"));
        asStaff().queryParam("limit", 0).get("/api/v1/audit/checkpoints").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("limit"));
    }

    @Test
    void shouldRejectALimitOutOfRange() {
        rejected(Map.of("aggregateId", "case-1", "limit", 0), "limit");
        rejected(Map.of("aggregateId", "case-1", "limit", -5), "limit");
        rejected(Map.of("aggregateId", "case-1", "limit", 201), "limit");
    }

    @Test
    void shouldRejectALimitThatIsNotANumber() {
        rejected(Map.of("aggregateId", "case-1", "limit", "abc"), "limit");
        rejected(Map.of("aggregateId", "case-1", "limit", "1.5"), "limit");
    }

    @Test
    void shouldRejectACursorItDidNotIssue() {
        rejected(Map.of("aggregateId", "case-1", "cursor", "not-a-cursor!"), "cursor");
        rejected(Map.of("aggregateId", "case-1", "cursor", Base64.getUrlEncoder().encodeToString("[\"1\"]".getBytes(StandardCharsets.UTF_8))), "cursor");
        rejected(Map.of("aggregateId", "case-1", "cursor", Cursor.of("case-1", "abc").encode()), "cursor");
        rejected(Map.of("aggregateId", "case-1", "cursor", Cursor.of("case-1", "-3").encode()), "cursor");
        // A cursor of another search.
        rejected(Map.of("aggregateId", "case-1", "cursor", Cursor.of(filter("case-2").fingerprint(), "7").encode()), "cursor");
        rejected(Map.of("aggregateId", "case-1", "actor", "alice", "cursor",
                Cursor.of(filter("case-1").fingerprint(), "7").encode()), "cursor");
    }

    @Test
    void shouldListEveryBadParameterAtOnce() {
        // The contract's checks run together; a cursor is read only once they pass (shouldRejectACursorItDidNotIssue).
        rejected(Map.of("aggregateId", " ", "limit", 0, "cursor", "garbage"), "aggregateId", "limit")
                .body("detail", equalTo("2 inputs are invalid; see violations."))
                .body("instance", endsWith("/api/v1/audit/entries"));
    }

    @Test
    void shouldAcceptAValidCursorOfTheSameAggregate() {
        asStaff().queryParam("aggregateId", "case-1").queryParam("cursor", filter("case-1").cursorAfter(7).encode())
                .get("/api/v1/audit/entries").then().statusCode(200);
    }

    private static AuditEntryRepository.Filter filter(String aggregateId) {
        return new AuditEntryRepository.Filter(aggregateId, null, null, null, null, null, null, null, null);
    }
}
