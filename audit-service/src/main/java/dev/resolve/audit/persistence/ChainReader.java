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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final int BATCH = 500;
    private static final int QUEUED = 4;
    /** Marks the end of the entries in the queue. */
    private static final List<ChainLink> END = List.of();

    /** Sees one entry's place in the chain: its sequence, previous hash and hash; answers false to stop reading. */
    @FunctionalInterface
    public interface LinkVisitor {
        boolean visit(long sequence, String previousHash, String hash);
    }

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
     * in order, until it answers false. A second thread fetches and decodes the rows while the caller's thread checks
     * or writes them, so PostgreSQL, the driver and the visitor work at once; at most {@value #QUEUED} batches of
     * {@value #BATCH} entries wait between them.
     *
     * @return how many entries it was shown
     */
    public long read(long afterSequence, long upToSequence, Visitor visitor) throws IOException {
        BlockingQueue<List<ChainLink>> queue = new ArrayBlockingQueue<>(QUEUED);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread fetcher = new Thread(() -> fetch(afterSequence, upToSequence, queue, stopped, failure), "audit-chain-reader");
        fetcher.setDaemon(true);
        fetcher.start();
        long shown = 0;
        try {
            while (true) {
                List<ChainLink> batch = queue.take();
                if (batch == END) {
                    break;
                }
                for (ChainLink link : batch) {
                    shown++;
                    if (!visitor.visit(link)) {
                        return shown;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the audit chain", e);
        } finally {
            stopped.set(true);
            queue.clear();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The audit chain could not be read", failure.get());
        }
        return shown;
    }

    /**
     * Shows {@code visitor} the sequence, previous hash and hash (nothing else) of every entry above
     * {@code afterSequence} and at most {@code upToSequence}, in order, until it answers false: the links alone, a
     * tenth of the bytes of the entries.
     */
    public void readLinks(long afterSequence, long upToSequence, LinkVisitor visitor) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT sequence, previous_hash, hash FROM audit_entry
                     WHERE sequence > ? AND sequence <= ? ORDER BY sequence""")) {
                query.setFetchSize(fetchSize);
                query.setLong(1, afterSequence);
                query.setLong(2, upToSequence);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next() && visitor.visit(rows.getLong(1), rows.getString(2), rows.getString(3))) {
                        // next
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The audit chain could not be read", e);
        }
    }

    /** The fetching side of {@link #read}: one read-only snapshot, handed over a batch at a time, then {@link #END}. */
    private void fetch(long afterSequence, long upToSequence, BlockingQueue<List<ChainLink>> queue, AtomicBoolean stopped,
            AtomicReference<Exception> failure) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement snapshot = connection.createStatement()) {
                snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            try (PreparedStatement query = connection.prepareStatement(SELECT)) {
                query.setFetchSize(fetchSize);
                query.setLong(1, afterSequence);
                query.setLong(2, upToSequence);
                try (ResultSet rows = query.executeQuery()) {
                    List<ChainLink> batch = new ArrayList<>(BATCH);
                    while (!stopped.get() && rows.next()) {
                        batch.add(link(rows));
                        if (batch.size() == BATCH) {
                            handOver(queue, batch, stopped);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        handOver(queue, batch, stopped);
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                handOver(queue, END, stopped);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Puts {@code batch} in the queue, waiting for room unless the reader stopped. */
    private static void handOver(BlockingQueue<List<ChainLink>> queue, List<ChainLink> batch, AtomicBoolean stopped)
            throws InterruptedException {
        while (!stopped.get()) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private static ChainLink link(ResultSet row) throws SQLException {
        return new ChainLink(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), instant(row, 11), instant(row, 12), row.getString(13),
                row.getString(14), row.getString(15), row.getString(16), row.getString(17), row.getString(18));
    }

    /** Read as an offset date-time: the driver's Timestamp path goes through a calendar per value. */
    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
