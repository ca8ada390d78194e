package dev.resolve.audit.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.resolve.testing.Callers.asRole;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Verify, export and signing on demand walk the chain: each caller gets a few at a time, then 429. */
@QuarkusTest
@TestProfile(HeavyReadLimitTest.TwoAtATime.class)
class HeavyReadLimitTest {

    public static class TwoAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("resolve.audit.heavy-reads.burst", "2", "resolve.audit.heavy-reads.per-minute", "1");
        }
    }

    @Test
    void shouldLimitVerifyAndExportPerCaller() {
        ChainTamperTest.entryOfANewCase();
        asRole("auditor").get("/api/v1/audit/verify").then().statusCode(200);
        asRole("auditor").get("/api/v1/audit/export").then().statusCode(200);
        asRole("auditor").get("/api/v1/audit/verify").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:resolve:problem:too-many-audit-reads"));
        asRole("auditor").get("/api/v1/audit/export").then().statusCode(429);
        asRole("admin").post("/api/v1/audit/checkpoints").then().statusCode(200);
        asRole("admin").get("/api/v1/audit/verify").then().statusCode(200);
        asRole("admin").post("/api/v1/audit/checkpoints").then().statusCode(429);
        // Reading the trail is not limited, and another caller has their own allowance.
        asRole("auditor").get("/api/v1/audit/entries").then().statusCode(200);
        asRole("controller").get("/api/v1/audit/verify").then().statusCode(200);
    }
}
