package dev.resolve.audit.api;

import dev.resolve.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ServiceContractTest extends ServiceConventionsTest {

    @Override
    protected String service() {
        return "audit-service";
    }

    @Override
    protected boolean emitsEvents() {
        // Its signed checkpoints, on audit.checkpoints.
        return true;
    }

    @Test
    void shouldExposeAuditMetricsToPrometheus() {
        String caseId = UUID.randomUUID().toString();
        AuditEvents.publishCaseOpened(caseId);
        AuditEvents.awaitEntries(caseId, 1);
        asStaff().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("resolve_audit_entries_appended_total"))
                .body(containsString("resolve_events_consumed_total"));
    }
}
