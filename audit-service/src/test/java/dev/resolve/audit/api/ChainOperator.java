package dev.resolve.audit.api;

import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.testing.SharedInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Someone with the database owner's rights, changing the audit tables behind the service's back as such an operator
 * could: switching the append-only triggers off, editing, deleting, renumbering, recomputing every hash with
 * PostgreSQL's own {@code sha256}. Every tampering runs while the service's appends wait (the operator holds the
 * append lock) and is undone afterwards from a copy of both tables, so the chain is whole again for the next test.
 */
final class ChainOperator implements AutoCloseable {

    @FunctionalInterface
    interface SqlWork {
        void run(ChainOperator operator) throws SQLException;
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private final Connection db;
    private final Connection appendLock;
    private boolean holding;

    ChainOperator() throws SQLException {
        db = owner();
        appendLock = owner();
        db.setAutoCommit(false);
    }

    /** A connection as the database's owner, the role migrations run as. */
    static Connection owner() throws SQLException {
        return DriverManager.getConnection(SharedInfrastructure.jdbcUrl(), SharedInfrastructure.DATABASE, SharedInfrastructure.DATABASE);
    }

    /**
     * Holds the service's appends, copies both tables, runs {@code tamper} (committed), runs {@code check}, then puts
     * both tables back as they were and lets appends go on.
     */
    void tamper(SqlWork tamper, Check check) throws Exception {
        holdAppends();
        try {
            execute("DROP TABLE IF EXISTS tamper_backup_entry, tamper_backup_checkpoint");
            execute("CREATE TABLE tamper_backup_entry AS SELECT * FROM audit_entry");
            execute("CREATE TABLE tamper_backup_checkpoint AS SELECT * FROM audit_checkpoint");
            db.commit();
            try {
                guardsOff();
                tamper.run(this);
                guardsOn();
                db.commit();
                check.run();
            } finally {
                db.rollback();
                holdAppends();
                guardsOff();
                execute("DELETE FROM audit_entry");
                execute("INSERT INTO audit_entry SELECT * FROM tamper_backup_entry");
                execute("DELETE FROM audit_checkpoint");
                execute("INSERT INTO audit_checkpoint SELECT * FROM tamper_backup_checkpoint");
                guardsOn();
                execute("DROP TABLE tamper_backup_entry, tamper_backup_checkpoint");
                db.commit();
            }
        } finally {
            releaseAppends();
        }
    }

    /** Lets the service append again (while a tampering is in place). */
    void releaseAppends() throws SQLException {
        if (holding) {
            try (Statement statement = appendLock.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + AuditEntryRepository.APPEND_LOCK + ")");
            }
            holding = false;
        }
    }

    private void holdAppends() throws SQLException {
        if (!holding) {
            try (Statement statement = appendLock.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + AuditEntryRepository.APPEND_LOCK + ")");
            }
            holding = true;
        }
    }

    void guardsOff() throws SQLException {
        execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
        execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER");
    }

    void guardsOn() throws SQLException {
        execute("ALTER TABLE audit_entry ENABLE TRIGGER USER");
        execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER USER");
    }

    int execute(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    String text(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /**
     * Recomputes previous hash and hash of every entry from {@code sequence} on, as the chain rule says, so that the
     * chain links and hashes again after an edit: what an operator covering their tracks would do.
     */
    void rechainFrom(long sequence) throws SQLException {
        execute("""
                DO $$
                DECLARE
                    entry record;
                    previous text := coalesce((SELECT hash FROM audit_entry WHERE sequence = %d), repeat('0', 64));
                BEGIN
                    FOR entry IN SELECT sequence, content FROM audit_entry WHERE sequence >= %d ORDER BY sequence LOOP
                        UPDATE audit_entry
                           SET previous_hash = previous,
                               hash = encode(sha256(convert_to(previous || E'\\n' || entry.content, 'UTF8')), 'hex')
                         WHERE sequence = entry.sequence
                        RETURNING hash INTO previous;
                    END LOOP;
                END
                $$""".formatted(sequence - 1, sequence));
    }

    /** The last entry's sequence. */
    long head() throws SQLException {
        String last = text("SELECT max(sequence) FROM audit_entry");
        return last == null ? 0 : Long.parseLong(last);
    }

    @Override
    public void close() throws SQLException {
        releaseAppends();
        db.close();
        appendLock.close();
    }
}
