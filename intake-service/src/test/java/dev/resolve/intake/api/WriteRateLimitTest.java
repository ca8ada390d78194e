package dev.resolve.intake.api;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.Callers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Writes are limited per caller: over the limit a caller gets 429 with Retry-After; other callers go on. */
@QuarkusTest
@TestProfile(WriteRateLimitTest.LowLimit.class)
class WriteRateLimitTest {

    /** One write per second, bursts of three; billing systems five per second. */
    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("resolve.rate-limit.per-second", "1", "resolve.rate-limit.burst", "3",
                    "resolve.rate-limit.role-per-second.billing-system", "5");
        }
    }

    @Inject
    Rows rows;

    /** One customer for every write of this class: the reference data is written once, not under the limits tested. */
    private static String customer;

    private static Response log(Caller caller) {
        if (customer == null) {
            customer = ReferenceData.account().customer();
        }
        return Callers.as(caller).contentType(ContentType.JSON).body(Requests.disputeWithoutInvoice(customer))
                .post("/api/v1/requests");
    }

    /** Writes accepted before the first refusal, that refusal (null if none came), and the rows just before it. */
    private record Writes(int accepted, Response refused, String rowsBeforeRefusal) {
    }

    /** Logs requests as {@code caller}, at most {@code attempts}, until one is refused; each other one must be a 201. */
    private Writes writeUntilRefused(Caller caller, int attempts) {
        int accepted = 0;
        String rowsBefore = rows.snapshot();
        for (int i = 0; i < attempts; i++) {
            Response response = log(caller);
            if (response.statusCode() == 429) {
                return new Writes(accepted, response, rowsBefore);
            }
            response.then().statusCode(201);
            accepted++;
            rowsBefore = rows.snapshot();
        }
        return new Writes(accepted, null, rowsBefore);
    }

    @Test
    void shouldRefuseACallerOverTheLimitWithoutSlowingOthers() throws Exception {
        Caller busy = Caller.of("busy-agent-" + UUID.randomUUID(), Roles.AGENT);
        // A burst of three, then one more a second: well within a few writes one is refused.
        Writes writes = writeUntilRefused(busy, 10);
        String before = writes.rowsBeforeRefusal();
        Response refused = writes.refused();
        assertThat(writes.accepted()).isBetween(3, 5);
        assertThat(refused).isNotNull();
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:resolve:problem:too-many-writes"))
                .body("status", equalTo(429));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(rows.snapshot()).as("nothing logged for the refused write").isEqualTo(before);

        // Another caller is not affected, and the busy caller may still read.
        log(Caller.of("calm-agent-" + UUID.randomUUID(), Roles.AGENT)).then().statusCode(201);
        String location = log(Caller.of("calm-agent-" + UUID.randomUUID(), Roles.AGENT)).then().statusCode(201)
                .extract().header("Location");
        Callers.as(busy).get(location.substring(location.indexOf("/api/"))).then().statusCode(200);

        // After Retry-After the busy caller writes again.
        Thread.sleep(retryAfter * 1000);
        log(busy).then().statusCode(201);
    }

    @Test
    void shouldGiveSystemRolesTheirOwnHigherRate() {
        Caller billing = Caller.of("billing-" + UUID.randomUUID(), Roles.BILLING_SYSTEM);
        // Five per second means a burst of ten (an agent's is three).
        Writes writes = writeUntilRefused(billing, 40);
        assertThat(writes.accepted()).isGreaterThanOrEqualTo(10);
        assertThat(writes.refused()).as("a billing system is limited too").isNotNull();
        writes.refused().then().header("Retry-After", equalTo("1"));
    }
}
