package dev.resolve.cases.api;

import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.Callers;
import dev.resolve.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

/** A portal customer sees only their own customer's cases; others' look missing and are never listed. */
@QuarkusTest
class CustomerAccessTest {

    private static String caseFor(String customerReference) {
        UUID requestId = UUID.randomUUID();
        TestEvents.publish(new RequestLogged(requestId, "SR-" + (100000 + (int) (Math.random() * 899999)), "PORTAL",
                "REFUND", customerReference, "Refund", "Charged twice", new Money(new BigDecimal("10.00"), "EUR"),
                "INV-1", true, Instant.now().truncatedTo(ChronoUnit.MICROS)), requestId.toString());
        return CaseOpeningTest.awaitCaseOf(requestId).then().extract().path("items[0].id");
    }

    private static Caller customer(String reference) {
        return new Caller("portal-" + reference, null, List.of(Roles.CUSTOMER), null, reference);
    }

    @Test
    void shouldShowACustomerTheirOwnCasesOnly() {
        String mine = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        String theirs = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        String own = caseFor(mine);
        String other = caseFor(theirs);

        Callers.as(customer(mine)).get("/api/v1/cases/" + own).then().statusCode(200);
        Callers.as(customer(mine)).get("/api/v1/cases/" + other).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> listed = Callers.as(customer(mine)).queryParam("limit", 200).get("/api/v1/cases").then()
                .statusCode(200).extract().path("items.id");
        assertThat(listed).containsExactly(own);
        // A customer token without a customer reference sees nothing.
        Callers.as(new Caller("portal-nobody", null, List.of(Roles.CUSTOMER), null, null)).get("/api/v1/cases")
                .then().statusCode(200).body("items", empty());
        Callers.as(new Caller("portal-nobody", null, List.of(Roles.CUSTOMER), null, null)).get("/api/v1/cases/" + own)
                .then().statusCode(404);
    }
}
