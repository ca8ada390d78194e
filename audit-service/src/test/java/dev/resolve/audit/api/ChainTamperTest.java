package dev.resolve.audit.api;

import dev.resolve.audit.AuditTestStack;
import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import dev.resolve.testing.SharedInfrastructure;
import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Each way someone with the database owner's rights could alter the trail, done as they would do it in SQL
 * ({@link ChainOperator}), is found by {@code GET /api/v1/audit/verify}: against the chain's own links where the
 * operator did not recompute hashes, against the signed checkpoint (whose key the database never holds) where they
 * did. The service's own login cannot alter the trail at all.
 */
@QuarkusTest
class ChainTamperTest {

    @Test
    void shouldVerifyAnIntactChainAgainstTheLatestPublishedCheckpoint() {
        entryOfANewCase();
        Map<String, Object> checkpoint = signCheckpoint();
        entryOfANewCase();
        JsonPath result = verify(asStaff()).then().statusCode(200).contentType("application/json")
                .body("valid", equalTo(true))
                .body("checkpointSource", equalTo("published"))
                .body("checkpoint.sequence", equalTo(checkpoint.get("sequence")))
                .body("checkpoint.signature", equalTo(checkpoint.get("signature")))
                .body("entriesAfterCheckpoint", greaterThanOrEqualTo(1))
                .body("lastHash", matchesPattern("[0-9a-f]{64}"))
                .body("checkedAt", notNullValue())
                .extract().jsonPath();
        assertThat(result.getLong("entriesChecked")).isEqualTo(result.getLong("lastSequence"));
        assertThat(result.getMap("$")).doesNotContainKeys("firstBrokenSequence", "reason");
    }

    @Test
    void shouldVerifyAgainstACheckpointTheCallerKept() {
        entryOfANewCase();
        Map<String, Object> kept = signCheckpoint();
        entryOfANewCase();
        signCheckpoint();
        withCheckpoint(asStaff(), kept).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true))
                .body("checkpointSource", equalTo("caller"))
                .body("checkpoint.sequence", equalTo(kept.get("sequence")))
                .body("entriesAfterCheckpoint", greaterThanOrEqualTo(1));
    }

    @Test
    void shouldDetectAnEditedEntry() throws Exception {
        long sequence = entryOfANewCase();
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> db.execute("UPDATE audit_entry SET content = replace(content, '\"NEW\"', '\"CLOSED\"') WHERE sequence = ?", sequence),
                    () -> assertBroken(sequence, "hash mismatch"));
        }
        assertValid();
    }

    @Test
    void shouldDetectAnEditedEntryWhoseHashesWereAllRecomputed() throws Exception {
        long sequence = entryOfANewCase();
        entryOfANewCase();
        long signed = sequenceOf(signCheckpoint());
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> {
                db.execute("UPDATE audit_entry SET content = replace(content, '\"NEW\"', '\"CLOSED\"') WHERE sequence = ?", sequence);
                db.rechainFrom(sequence);
            }, () -> {
                // Every link and hash is consistent again: only the signed checkpoint tells.
                assertBroken(signed, "does not match the checkpoint");
            });
        }
        assertValid();
    }

    @Test
    void shouldDetectColumnsThatNoLongerSayWhatWasHashed() throws Exception {
        long sequence = entryOfANewCase();
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> db.execute("UPDATE audit_entry SET actor = 'mallory' WHERE sequence = ?", sequence),
                    () -> assertBroken(sequence, "content does not match columns"));
            operator.tamper(db -> db.execute("UPDATE audit_entry SET case_id = 'another-case' WHERE sequence = ?", sequence),
                    () -> assertBroken(sequence, "content does not match columns"));
            operator.tamper(db -> db.execute("UPDATE audit_entry SET actor_roles = 'admin' WHERE sequence = ?", sequence),
                    () -> assertBroken(sequence, "content does not match columns"));
        }
        assertValid();
    }

    @Test
    void shouldDetectADeletedEntry() throws Exception {
        long sequence = entryOfANewCase();
        entryOfANewCase();
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> db.execute("DELETE FROM audit_entry WHERE sequence = ?", sequence),
                    () -> assertBroken(sequence, "sequence gap"));
        }
        assertValid();
    }

    @Test
    void shouldDetectReorderedEntries() throws Exception {
        long first = entryOfANewCase();
        long second = entryOfANewCase();
        assertThat(second).isGreaterThan(first);
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> {
                // Swap the two rows' places in the chain (through a free sequence), content and all.
                db.execute("UPDATE audit_entry SET sequence = 9000000000 WHERE sequence = ?", first);
                db.execute("UPDATE audit_entry SET sequence = ? WHERE sequence = ?", first, second);
                db.execute("UPDATE audit_entry SET sequence = ? WHERE sequence = 9000000000", second);
            }, () -> assertBroken(first, "previous hash does not match"));
        }
        assertValid();
    }

    @Test
    void shouldDetectATruncatedTail() throws Exception {
        long kept = entryOfANewCase();
        entryOfANewCase();
        long signed = sequenceOf(signCheckpoint());
        try (ChainOperator operator = new ChainOperator()) {
            // The rest of the chain is intact, links and all: only the checkpoint knows there was more.
            operator.tamper(db -> db.execute("DELETE FROM audit_entry WHERE sequence > ?", kept),
                    () -> assertBroken(kept + 1, "chain ends before the checkpoint"));
            assertThat(signed).isGreaterThan(kept);
        }
        assertValid();
    }

    @Test
    void shouldDetectAnInsertedEntry() throws Exception {
        long sequence = entryOfANewCase();
        entryOfANewCase();
        long signed = sequenceOf(signCheckpoint());
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> {
                // Make room after the entry, renumber what follows (content included), slip in a copy with a new
                // event id, and recompute every hash from there.
                db.execute("UPDATE audit_entry SET sequence = sequence + 1000000000 WHERE sequence > ?", sequence);
                db.execute("""
                        UPDATE audit_entry
                           SET sequence = sequence - 999999999,
                               content = regexp_replace(content, '"sequence":[0-9]+,', '"sequence":' || (sequence - 999999999) || ',')
                         WHERE sequence > 1000000000""");
                String forged = UUID.randomUUID().toString();
                db.execute("""
                        INSERT INTO audit_entry
                        SELECT sequence + 1, ?::uuid, event_type, aggregate_type, aggregate_id, correlation_id, causation_id,
                               actor, producer, occurred_at, recorded_at,
                               regexp_replace(replace(content, event_id::text, ?), '"sequence":[0-9]+,', '"sequence":' || (sequence + 1) || ','),
                               previous_hash, hash, actor_roles, case_id, request_id, customer_reference
                          FROM audit_entry WHERE sequence = ?""", forged, forged, sequence);
                db.rechainFrom(sequence + 1);
            }, () -> assertBroken(signed, "does not match the checkpoint"));
        }
        assertValid();
    }

    @Test
    void shouldDetectAForgedCheckpoint() throws Exception {
        long sequence = entryOfANewCase();
        signCheckpoint();
        entryOfANewCase();
        try (ChainOperator operator = new ChainOperator()) {
            KeyPair mallory = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            operator.tamper(db -> {
                // Rewrite history, recompute every hash and vouch for the result with a checkpoint of one's own,
                // claiming the service's key id.
                db.execute("UPDATE audit_entry SET content = replace(content, '\"NEW\"', '\"CLOSED\"') WHERE sequence = ?", sequence);
                db.rechainFrom(sequence);
                long head = db.head();
                String hash = db.text("SELECT hash FROM audit_entry WHERE sequence = ?", head);
                Map<String, Object> forged = forge(mallory.getPrivate(), head, hash);
                db.execute("INSERT INTO audit_checkpoint (sequence, hash, signed_at, key_id, algorithm, signature) "
                        + "VALUES (?, ?, ?::timestamptz, ?, 'Ed25519', ?)", head, hash, forged.get("signedAt"),
                        forged.get("keyId"), forged.get("signature"));
            }, () -> {
                JsonPath result = verify(asStaff()).then().statusCode(200).body("valid", equalTo(false))
                        .body("reason", equalTo("checkpoint signature does not verify"))
                        .body("checkpointSource", equalTo("published")).extract().jsonPath();
                assertThat(result.getLong("firstBrokenSequence")).isEqualTo(result.getLong("checkpoint.sequence"));
            });
            // A forged checkpoint handed in by a caller is refused the same way.
            long head = operator.head();
            withCheckpoint(asStaff(), forge(mallory.getPrivate(), head, "ab".repeat(32))).get("/api/v1/audit/verify")
                    .then().statusCode(200).body("valid", equalTo(false)).body("checkpointSource", equalTo("caller"))
                    .body("reason", equalTo("checkpoint signature does not verify"));
        }
        assertValid();
    }

    @Test
    void shouldDetectAChainHeadMovedBackEvenWhenTheListedCheckpointsWereRemoved() throws Exception {
        long kept = entryOfANewCase();
        entryOfANewCase();
        long signed = sequenceOf(signCheckpoint());
        try (ChainOperator operator = new ChainOperator()) {
            operator.tamper(db -> {
                // Cut the tail and every checkpoint that mentions it from the database...
                db.execute("DELETE FROM audit_entry WHERE sequence > ?", kept);
                db.execute("DELETE FROM audit_checkpoint WHERE sequence > ?", kept);
            }, () -> {
                // ...and let the service go on appending from the moved-back head.
                operator.releaseAppends();
                entryOfANewCase();
                JsonPath result = verify(asStaff()).then().statusCode(200).body("valid", equalTo(false))
                        .body("checkpointSource", equalTo("published"))
                        .body("checkpoint.sequence", equalTo((int) signed)).extract().jsonPath();
                assertThat(result.getString("reason")).isIn("does not match the checkpoint", "chain ends before the checkpoint");
                // Nor does the service sign the altered chain.
                asStaff().post("/api/v1/audit/checkpoints").then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:resolve:problem:audit-chain-altered"));
            });
        }
        assertValid();
    }

    @Test
    void shouldNotLetTheServicesLoginChangeOrRemoveAnything() throws Exception {
        long sequence = entryOfANewCase();
        signCheckpoint();
        try (Connection service = DriverManager.getConnection(SharedInfrastructure.jdbcUrl(), AuditTestStack.RUNTIME_ROLE,
                AuditTestStack.RUNTIME_ROLE); Statement statement = service.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM audit_entry").next()).isTrue();
            for (String table : new String[] {"audit_entry", "audit_checkpoint"}) {
                String key = "sequence = " + sequence;
                for (String sql : new String[] {
                        "UPDATE " + table + " SET hash = repeat('a', 64) WHERE " + key,
                        "DELETE FROM " + table + " WHERE " + key,
                        "TRUNCATE " + table,
                        "ALTER TABLE " + table + " DISABLE TRIGGER USER",
                        "ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_pkey",
                        "DROP TABLE " + table}) {
                    assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                            .hasMessageMatching("(?s).*(permission denied|must be owner).*");
                }
            }
            assertThatThrownBy(() -> statement.execute("CREATE TABLE audit_entry_copy (x int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("DELETE FROM flyway_schema_history"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        // The running service is that login.
        assertThat(Arc.container().instance(Rows.class).get().currentUser()).isEqualTo(AuditTestStack.RUNTIME_ROLE);
        assertValid();
    }

    @Test
    void shouldRefuseToChangeOrDeleteEntriesEvenAsOwnerWhileTheGuardsAreOn() throws Exception {
        long sequence = entryOfANewCase();
        signCheckpoint();
        try (Connection db = ChainOperator.owner(); Statement statement = db.createStatement()) {
            assertThatThrownBy(() -> statement.execute("UPDATE audit_entry SET actor = 'mallory' WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("DELETE FROM audit_entry WHERE sequence = " + sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("DELETE FROM audit_checkpoint"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertValid();
    }

    /** A checkpoint of {@code sequence}/{@code hash} signed with {@code key} but naming the service's key id. */
    private static Map<String, Object> forge(PrivateKey key, long sequence, String hash) {
        String signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        String keyId = serviceKeyId();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(AuditCheckpointSigned.signedText(sequence, hash, signedAt, keyId).getBytes(StandardCharsets.UTF_8));
            return Map.of("sequence", sequence, "hash", hash, "signedAt", signedAt, "keyId", keyId,
                    "signature", Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serviceKeyId() {
        return asStaff().get("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getString("items[0].keyId");
    }

    static RequestSpecification withCheckpoint(RequestSpecification request, Map<String, Object> checkpoint) {
        return request.queryParam("checkpointSequence", checkpoint.get("sequence"))
                .queryParam("checkpointHash", checkpoint.get("hash"))
                .queryParam("checkpointSignedAt", checkpoint.get("signedAt"))
                .queryParam("checkpointKeyId", checkpoint.get("keyId"))
                .queryParam("checkpointSignature", checkpoint.get("signature"));
    }

    static Response verify(RequestSpecification request) {
        return request.get("/api/v1/audit/verify");
    }

    static Map<String, Object> signCheckpoint() {
        return asStaff().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static long sequenceOf(Map<String, Object> checkpoint) {
        return ((Number) checkpoint.get("sequence")).longValue();
    }

    private static void assertBroken(long sequence, String reason) {
        verify(asStaff()).then().statusCode(200)
                .body("valid", equalTo(false))
                .body("reason", equalTo(reason))
                .body("firstBrokenSequence", equalTo((int) sequence));
    }

    static void assertValid() {
        verify(asStaff()).then().statusCode(200).body("valid", equalTo(true));
    }

    /** The sequence of the entry recorded for a new case's CaseOpened. */
    static long entryOfANewCase() {
        String caseId = UUID.randomUUID().toString();
        AuditEvents.publishCaseOpened(caseId);
        return ((Number) AuditEvents.awaitEntries(caseId, 1).get(0).get("sequence")).longValue();
    }
}
