package dev.resolve.intake.api;

import dev.resolve.contracts.json.CanonicalJson;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.Callers;
import dev.resolve.testing.SharedInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Idempotency-Key: retries replay, a different body is refused, an attempt in flight is waited for. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    Rows rows;

    private static Response post(String key, Object body) {
        return asStaff().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/requests");
    }

    @Test
    void shouldReplayTheOriginalAnswerForARetry() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Requests.dispute();
        Response first = post(key, body);
        first.then().statusCode(201);
        Response retry = post(key, body);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", first.header("Location"));
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(rows.requestsWithSubject((String) body.get("subject"))).isEqualTo(1);
    }

    @Test
    void shouldTreatTheSameBodyWithOtherFormattingAsARetry() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Requests.dispute();
        post(key, body).then().statusCode(201);
        String reordered = "{\"subject\":\"" + body.get("subject") + "\",\n \"type\":\"BILLING_DISPUTE\",\"channel\":\"PORTAL\","
                + "\"customerReference\":\"" + body.get("customerReference") + "\",\"description\":\"" + body.get("description") + "\","
                + "\"invoiceNumber\":\"" + body.get("invoiceNumber") + "\",\"disputedAmount\":{\"currency\":\"EUR\",\"amount\":\"1250.00\"}}";
        asStaff().contentType(ContentType.JSON).header("Idempotency-Key", key).body(reordered).post("/api/v1/requests")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(rows.requestsWithSubject((String) body.get("subject"))).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameKeyWithADifferentBody() {
        String key = UUID.randomUUID().toString();
        post(key, Requests.dispute()).then().statusCode(201);
        Map<String, Object> other = Requests.dispute();
        String before = rows.snapshot();
        post(key, other).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:resolve:problem:idempotency-key-reused"))
                .body("status", equalTo(422));
        assertThat(rows.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldKeepEachCallersKeysApart() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Requests.disputeWithoutInvoice(ReferenceData.account().customer());
        Response mine = post(key, body);
        mine.then().statusCode(201);
        // Another caller with the same key and body (on no invoice, so it is not a duplicate) logs their own request:
        // no replay of someone else's answer.
        Response theirs = Callers.as(Caller.of("agent-2", Roles.AGENT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/requests");
        theirs.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        assertThat(theirs.header("Location")).isNotEqualTo(mine.header("Location"));
        // ... and a different body under the same key is theirs to send too.
        Callers.as(Caller.of("agent-3", Roles.AGENT)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Requests.dispute()).post("/api/v1/requests").then().statusCode(201);
        assertThat(rows.requestsWithSubject((String) body.get("subject"))).isEqualTo(2);
    }

    @Test
    void shouldLetTheSameKeyBeUsedForAnotherOperationOrAfterAFailedAttempt() {
        String key = UUID.randomUUID().toString();
        post(key, Requests.withAmount("-1", "EUR")).then().statusCode(400);
        post(key, Requests.dispute()).then().statusCode(201).header("Idempotent-Replayed", (String) null);
    }

    @Test
    void shouldAnswer409WhileTheFirstAttemptIsStillInFlight() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Requests.dispute();
        try (Connection holder = connection()) {
            holder.setAutoCommit(false);
            claim(holder, key, body, null);
            String before = rows.snapshot();
            // resolve.idempotency.in-flight-wait is 1s in tests
            post(key, body).then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:resolve:problem:idempotency-key-in-flight"));
            assertThat(rows.snapshot()).isEqualTo(before);
            holder.rollback();
        }
        // The holder gave up: the key is free again and the request goes through once.
        post(key, body).then().statusCode(201);
        post(key, body).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(rows.requestsWithSubject((String) body.get("subject"))).isEqualTo(1);
    }

    @Test
    void shouldWaitForAnAttemptInFlightAndReplayItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Requests.dispute();
        try (Connection holder = connection()) {
            holder.setAutoCommit(false);
            claim(holder, key, body, "{\"stored\":true}");
            CompletableFuture<Void> commitSoon = CompletableFuture.runAsync(() -> {
                try {
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
            post(key, body).then().statusCode(201).header("Idempotent-Replayed", "true").body("stored", equalTo(true));
            commitSoon.join();
        }
        assertThat(rows.requestsWithSubject((String) body.get("subject"))).isZero();
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(SharedInfrastructure.jdbcUrl(), SharedInfrastructure.DATABASE, SharedInfrastructure.DATABASE);
    }

    /** Claims {@code key} as a first attempt would, without committing. */
    private static void claim(Connection connection, String key, Object body, String responseBody) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO idempotency_key (operation, idempotency_key, request_hash, expires_at, response_status, response_location, response_body, caller)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, "POST /api/v1/requests");
            insert.setString(2, key);
            insert.setString(3, CanonicalJson.sha256(body));
            insert.setTimestamp(4, Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)));
            if (responseBody == null) {
                insert.setNull(5, java.sql.Types.INTEGER);
            } else {
                insert.setInt(5, 201);
            }
            insert.setString(6, responseBody == null ? null : "/api/v1/requests/" + UUID.randomUUID());
            insert.setString(7, responseBody);
            insert.setString(8, Callers.STAFF_USER);
            insert.executeUpdate();
        }
    }
}
