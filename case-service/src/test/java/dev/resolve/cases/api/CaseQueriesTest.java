package dev.resolve.cases.api;

import dev.resolve.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Listing, paging and every client error of the read API. */
@QuarkusTest
class CaseQueriesTest {

    @Test
    void shouldPageThroughAllCasesNewestFirstWithoutRepeats() {
        for (int i = 0; i < 3; i++) {
            UUID requestId = UUID.randomUUID();
            TestEvents.publish(CaseOpeningTest.requestLogged(requestId, "SERVICE_ISSUE", false), requestId.toString());
            CaseOpeningTest.awaitCaseOf(requestId);
        }
        int total = asStaff().queryParam("limit", 200).get("/api/v1/cases").then().statusCode(200).extract().<List<?>>path("items").size();
        assertThat(total).isGreaterThanOrEqualTo(3);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        String previousOpenedAt = null;
        do {
            var request = asStaff().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/cases").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            List<String> openedAt = page.path("items.openedAt");
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(seen.add(ids.get(i))).as("no repeats").isTrue();
                if (previousOpenedAt != null) {
                    assertThat(openedAt.get(i).compareTo(previousOpenedAt)).isLessThanOrEqualTo(0);
                }
                previousOpenedAt = openedAt.get(i);
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen.size()).isGreaterThanOrEqualTo(total);
    }

    @Test
    void shouldFilterByStatus() {
        asStaff().queryParam("status", "NEW").queryParam("limit", 5).get("/api/v1/cases")
                .then().statusCode(200).body("items.status", not(hasItem("CLOSED")));
    }

    @Test
    void shouldReturnAnEmptyPageForARequestWithoutCase() {
        asStaff().queryParam("requestId", UUID.randomUUID().toString()).get("/api/v1/cases")
                .then().statusCode(200).body("items", hasSize(0)).body("nextCursor", equalTo(null));
    }

    private static ValidatableResponse badRequest(ValidatableResponse response, String field, String in) {
        return response.statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field))
                .body("violations.in", hasItem(in))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldRejectBadQueryParameters() {
        badRequest(asStaff().queryParam("requestId", "nope").get("/api/v1/cases").then(), "requestId", "query");
        badRequest(asStaff().queryParam("limit", 0).get("/api/v1/cases").then(), "limit", "query");
        badRequest(asStaff().queryParam("limit", 201).get("/api/v1/cases").then(), "limit", "query");
        badRequest(asStaff().queryParam("limit", "ten").get("/api/v1/cases").then(), "limit", "query");
        badRequest(asStaff().queryParam("status", "LOST").get("/api/v1/cases").then(), "status", "query");
        badRequest(asStaff().queryParam("cursor", "garbage!").get("/api/v1/cases").then(), "cursor", "query");
    }

    @Test
    void shouldAnswer404ForAnUnknownCaseAnd400ForAMalformedId() {
        asStaff().get("/api/v1/cases/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        badRequest(asStaff().get("/api/v1/cases/12345").then(), "caseId", "path");
    }
}
