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
import static org.hamcrest.Matchers.equalTo;

/** Cases are routed to a team by request type; an agent sees their own team's cases only. */
@QuarkusTest
class TeamAccessTest {

    private static String caseOfType(String type) {
        UUID requestId = UUID.randomUUID();
        TestEvents.publish(new RequestLogged(requestId, "SR-" + (100000 + (int) (Math.random() * 899999)), "EMAIL",
                type, "CUST-7", "Subject", "Description", new Money(new BigDecimal("10.00"), "EUR"), "INV-1", false,
                Instant.now().truncatedTo(ChronoUnit.MICROS)), requestId.toString());
        return CaseOpeningTest.awaitCaseOf(requestId).then().extract().path("items[0].id");
    }

    private static Caller agentOf(String team) {
        return new Caller("agent-of-" + team, null, List.of(Roles.AGENT), team, null);
    }

    @Test
    void shouldRouteByRequestTypeAndShowAgentsTheirTeamsCasesOnly() {
        String billingCase = caseOfType("REFUND");
        String deskCase = caseOfType("SERVICE_ISSUE");
        Callers.asStaff().get("/api/v1/cases/" + billingCase).then().statusCode(200).body("team", equalTo("billing"));
        Callers.asStaff().get("/api/v1/cases/" + deskCase).then().statusCode(200).body("team", equalTo("service-desk"));

        Callers.as(agentOf("billing")).get("/api/v1/cases/" + billingCase).then().statusCode(200);
        Callers.as(agentOf("billing")).get("/api/v1/cases/" + deskCase).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> teams = Callers.as(agentOf("billing")).queryParam("limit", 200).get("/api/v1/cases").then()
                .statusCode(200).extract().path("items.team");
        assertThat(teams).isNotEmpty().containsOnly("billing");
        // An agent whose token names no team sees no case; a team lead sees every team's.
        Callers.as(Caller.of("agent-without-team", Roles.AGENT)).get("/api/v1/cases").then().statusCode(200)
                .body("items", empty());
        Callers.as(new Caller("lead", null, List.of(Roles.AGENT, Roles.TEAM_LEAD), "billing", null))
                .get("/api/v1/cases/" + deskCase).then().statusCode(200);
    }
}
