package dev.resolve.approvals.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.resolve.testing.Callers.asStaff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PoliciesTest {

    @Test
    void shouldServeTheSeededPolicyAsCurrent() {
        asStaff().get("/api/v1/policies/current").then().statusCode(200)
                .body("version", equalTo(1))
                .body("currency", equalTo("EUR"))
                .body("rules", hasSize(12))
                .body("rules.find { it.adjustmentType == 'REFUND' && it.upTo == '1000.00' }.approverRoles", contains("TEAM_LEAD"))
                .body("rules.find { it.adjustmentType == 'WRITE_OFF' && it.upTo == null }.approverRoles", contains("FINANCE_MANAGER", "CFO"))
                .body("rules.find { it.adjustmentType == 'CREDIT' && it.upTo == '100.00' }.autoApproveLowRisk", equalTo(true));
    }

    @Test
    void shouldServeAVersionById() {
        asStaff().get("/api/v1/policies/1").then().statusCode(200).body("version", equalTo(1))
                .body("rules.adjustmentType", hasItem("INVOICE_CORRECTION"))
                .body("rules.find { it.adjustmentType == 'REFUND' && it.upTo == '100.00' }.approverRoles", hasSize(0))
                .body("description", equalTo("Initial policy: team lead up to 1,000; plus finance manager up to 10,000; plus CFO above."))
                .body("rules.find { it.adjustmentType == 'CREDIT' && it.upTo == null }.upTo", nullValue());
    }

    @Test
    void shouldAnswer404ForAnUnknownVersionAnd400ForANonNumber() {
        asStaff().get("/api/v1/policies/99").then().statusCode(404).contentType("application/problem+json");
        asStaff().get("/api/v1/policies/abc").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("version")).body("violations[0].in", equalTo("path"));
        asStaff().get("/api/v1/policies/0").then().statusCode(400).contentType("application/problem+json");
    }
}
