package dev.resolve.audit.api;

import dev.resolve.testing.SharedInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Changing a stored entry behind the service's back is detected by verification. Each test restores the row it
 * changed, so the chain is valid again for every other test.
 */
@QuarkusTest
class ChainTamperTest {

    @Test
    void shouldVerifyAnIntactChain() {
        String caseId = UUID.randomUUID().toString();
        AuditEvents.publishCaseOpened(caseId);
        long sequence = ((Number) AuditEvents.awaitEntries(caseId, 1).get(0).get("sequence")).longValue();
        JsonPath result = asStaff().get("/api/v1/audit/verify").then().statusCode(200).contentType("application/json")
                .body("valid", equalTo(true))
                .body("lastHash", matchesPattern("[0-9a-f]{64}"))
                .body("checkedAt", notNullValue())
                .extract().jsonPath();
        assertThat(result.getLong("entriesChecked")).isEqualTo(result.getLong("lastSequence")).isGreaterThanOrEqualTo(sequence);
        assertThat(result.getMap("$")).doesNotContainKeys("firstBrokenSequence", "reason");
    }

    @Test
    void shouldRefuseToChangeOrDeleteEntries() throws Exception {
        long sequence = entryOfANewCase();
        try (Connection db = connection()) {
            assertThatThrownBy(() -> update(db, "UPDATE audit_entry SET actor = 'mallory' WHERE sequence = ?", sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> update(db, "DELETE FROM audit_entry WHERE sequence = ?", sequence))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertValid();
    }

    @Test
    void shouldDetectChangedContent() throws Exception {
        long sequence = entryOfANewCase();
        tamper(sequence, "content", "replace(content, '\"NEW\"', '\"CLOSED\"')", "hash mismatch");
    }

    @Test
    void shouldDetectAChangedHash() throws Exception {
        long sequence = entryOfANewCase();
        tamper(sequence, "hash", "repeat('a', 64)", "hash mismatch");
    }

    @Test
    void shouldDetectABrokenLink() throws Exception {
        long sequence = entryOfANewCase();
        tamper(sequence, "previous_hash", "repeat('b', 64)", "previous hash does not match");
    }

    @Test
    void shouldDetectColumnsThatNoLongerSayWhatWasHashed() throws Exception {
        long sequence = entryOfANewCase();
        tamper(sequence, "aggregate_id", "'someone-else'", "content does not match columns");
        // Giving the (system) actor a role after the fact shows too.
        tamper(sequence, "actor_roles", "'admin,agent,team-lead'", "content does not match columns");
    }

    @Test
    void shouldDetectARemovedEntry() throws Exception {
        long sequence = entryOfANewCase();
        AuditEvents.publishCaseOpened(UUID.randomUUID().toString());
        assertValid();
        try (Connection db = connection()) {
            db.setAutoCommit(false);
            Map<String, Object> row = new LinkedHashMap<>();
            try (PreparedStatement select = db.prepareStatement("SELECT * FROM audit_entry WHERE sequence = ?")) {
                select.setLong(1, sequence);
                try (ResultSet found = select.executeQuery()) {
                    assertThat(found.next()).isTrue();
                    for (int column = 1; column <= found.getMetaData().getColumnCount(); column++) {
                        row.put(found.getMetaData().getColumnName(column), found.getObject(column));
                    }
                }
            }
            withoutGuard(db, () -> update(db, "DELETE FROM audit_entry WHERE sequence = ?", sequence));
            db.commit();
            try {
                assertBroken(sequence, "sequence gap");
            } finally {
                String columns = String.join(", ", row.keySet());
                String marks = String.join(", ", row.keySet().stream().map(name -> "?").toList());
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_entry (" + columns + ") VALUES (" + marks + ")")) {
                    int index = 1;
                    for (Object value : row.values()) {
                        insert.setObject(index++, value);
                    }
                    insert.executeUpdate();
                }
                db.commit();
            }
        }
        assertValid();
    }

    /** Sets {@code column} of entry {@code sequence} to {@code expression}, checks the verdict, then puts it back. */
    private static void tamper(long sequence, String column, String expression, String reason) throws Exception {
        assertValid();
        try (Connection db = connection()) {
            db.setAutoCommit(false);
            String original;
            try (PreparedStatement select = db.prepareStatement("SELECT " + column + " FROM audit_entry WHERE sequence = ?")) {
                select.setLong(1, sequence);
                try (ResultSet found = select.executeQuery()) {
                    assertThat(found.next()).isTrue();
                    original = found.getString(1);
                }
            }
            withoutGuard(db, () -> assertThat(update(db, "UPDATE audit_entry SET " + column + " = " + expression
                    + " WHERE sequence = ?", sequence)).isEqualTo(1));
            db.commit();
            try {
                assertBroken(sequence, reason);
            } finally {
                withoutGuard(db, () -> {
                    try (PreparedStatement restore = db.prepareStatement("UPDATE audit_entry SET " + column + " = ? WHERE sequence = ?")) {
                        restore.setString(1, original);
                        restore.setLong(2, sequence);
                        restore.executeUpdate();
                    }
                });
                db.commit();
            }
        }
        assertValid();
    }

    private static void assertBroken(long sequence, String reason) {
        asStaff().get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBrokenSequence", equalTo((int) sequence))
                .body("reason", equalTo(reason))
                .body("lastSequence", equalTo((int) sequence - 1));
    }

    private static void assertValid() {
        asStaff().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    /** The sequence of the entry recorded for a new case's CaseOpened. */
    private static long entryOfANewCase() {
        String caseId = UUID.randomUUID().toString();
        AuditEvents.publishCaseOpened(caseId);
        return ((Number) AuditEvents.awaitEntries(caseId, 1).get(0).get("sequence")).longValue();
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} with the append-only trigger disabled, as someone with owner rights could. */
    private static void withoutGuard(Connection db, SqlWork work) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            work.run();
            statement.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
        }
    }

    private static int update(Connection db, String sql, long sequence) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(sql)) {
            update.setLong(1, sequence);
            return update.executeUpdate();
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(SharedInfrastructure.jdbcUrl(), SharedInfrastructure.DATABASE, SharedInfrastructure.DATABASE);
    }
}
