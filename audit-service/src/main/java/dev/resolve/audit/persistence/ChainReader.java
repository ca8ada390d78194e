package dev.resolve.audit.persistence;

import dev.resolve.audit.config.AuditConfig;
import dev.resolve.audit.domain.ChainLink;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads the chain in sequence order straight from JDBC, a fetch at a time, in one read-only snapshot: any length in
 * constant memory, and every entry of the snapshot seen exactly once (nothing appended meanwhile, nothing missed).
 */
@ApplicationScoped
public class ChainReader {

    private static final String SELECT = """
            SELECT sequence, event_id, event_type, aggregate_type, aggregate_id, correlation_id, causation_id, actor,
                   actor_roles, producer, occurred_at, recorded_at, case_id, request_id, customer_reference, content,
                   previous_hash, hash
              FROM audit_entry
             WHERE sequence > ? AND sequence <= ?
             ORDER BY sequence""";

    /** Sees one entry; answers false to stop reading. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(ChainLink link) throws IOException;
    }

    private final AgroalDataSource dataSource;
    private final int fetchSize;

    public ChainReader(AgroalDataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.fetchSize = config.readFetchSize();
    }

    /**
     * Shows {@code visitor} every entry with a sequence above {@code afterSequence} and at most {@code upToSequence},
     * in order, until it answers false.
     *
     * @return how many entries it was shown
     */
    public long read(long afterSequence, long upToSequence, Visitor visitor) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement snapshot = connection.createStatement()) {
                snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            long shown = 0;
            try (PreparedStatement query = connection.prepareStatement(SELECT)) {
                query.setFetchSize(fetchSize);
                query.setLong(1, afterSequence);
                query.setLong(2, upToSequence);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        shown++;
                        if (!visitor.visit(link(rows))) {
                            break;
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
            return shown;
        } catch (SQLException e) {
            throw new IllegalStateException("The audit chain could not be read", e);
        }
    }

    private static ChainLink link(ResultSet row) throws SQLException {
        return new ChainLink(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), instant(row.getTimestamp(11)), instant(row.getTimestamp(12)), row.getString(13),
                row.getString(14), row.getString(15), row.getString(16), row.getString(17), row.getString(18));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
