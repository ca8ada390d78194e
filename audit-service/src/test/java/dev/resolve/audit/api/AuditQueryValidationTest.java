package dev.resolve.audit.api;

import dev.resolve.api.paging.Cursor;
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
    void shouldRequireAnAggregateId() {
        rejected(Map.of(), "aggregateId");
        rejected(Map.of("aggregateId", ""), "aggregateId");
        rejected(Map.of("aggregateId", "   "), "aggregateId");
        rejected(Map.of("aggregateId", "x".repeat(201)), "aggregateId");
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
        // A cursor of another aggregate's trail.
        rejected(Map.of("aggregateId", "case-1", "cursor", Cursor.of("case-2", "7").encode()), "cursor");
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
        asStaff().queryParam("aggregateId", "case-1").queryParam("cursor", Cursor.of("case-1", "7").encode())
                .get("/api/v1/audit/entries").then().statusCode(200);
    }
}
