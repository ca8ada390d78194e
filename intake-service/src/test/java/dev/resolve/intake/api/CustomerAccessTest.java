package dev.resolve.intake.api;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.Callers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A portal customer logs and reads only their own customer's requests; others' look missing. */
@QuarkusTest
class CustomerAccessTest {

    @Inject
    Rows rows;

    private static Caller customer(String reference) {
        return new Caller("portal-" + reference, null, List.of(Roles.CUSTOMER), null, reference);
    }

    private static Map<String, Object> requestOf(String reference) {
        return Requests.disputeFor(reference);
    }

    @Test
    void shouldLetACustomerLogAndReadTheirOwnRequests() {
        String mine = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Callers.as(customer(mine)).contentType(ContentType.JSON).body(requestOf(mine))
                .post("/api/v1/requests").then().statusCode(201).body("customerReference", equalTo(mine))
                .extract().path("id");
        Callers.as(customer(mine)).get("/api/v1/requests/" + id).then().statusCode(200);
    }

    @Test
    void shouldRefuseACustomerLoggingForSomeoneElse() {
        String mine = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        String before = rows.snapshot();
        Callers.as(customer(mine)).contentType(ContentType.JSON).body(requestOf("CUST-someone-else"))
                .post("/api/v1/requests").then().statusCode(403).contentType("application/problem+json");
        // A customer token without a customer reference may log nothing.
        Callers.as(new Caller("portal-nobody", null, List.of(Roles.CUSTOMER), null, null)).contentType(ContentType.JSON)
                .body(requestOf(mine)).post("/api/v1/requests").then().statusCode(403);
        assertThat(rows.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldHideOtherCustomersRequestsAsMissing() {
        String theirs = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        String id = asStaff().contentType(ContentType.JSON).body(requestOf(theirs)).post("/api/v1/requests")
                .then().statusCode(201).extract().path("id");
        String missing = Callers.as(customer("CUST-me")).get("/api/v1/requests/" + UUID.randomUUID()).then()
                .statusCode(404).extract().path("title");
        Callers.as(customer("CUST-me")).get("/api/v1/requests/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo(missing));
        // Staff roles see it; a token with customer and a staff role acts as staff.
        Callers.as(new Caller("lead-1", null, List.of(Roles.TEAM_LEAD, Roles.CUSTOMER), null, "CUST-me"))
                .get("/api/v1/requests/" + id).then().statusCode(200);
    }
}
