package dev.resolve.plumbing;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells outages (the database or the broker unreachable, restarting, overloaded; a lock or serialization conflict)
 * from faults that retrying will not cure. Outages are waited out; only the others may dead-letter or park.
 */
public final class Faults {

    /** SQLSTATE classes that mean "try again later": connection exceptions, insufficient resources, system errors. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58", "XX");
    /** Single SQLSTATEs that mean the same: serialization failure, deadlock, lock not available, query canceled. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014");

    private Faults() {
    }

    /** Whether {@code error}, or something it was caused by, is an outage or a conflict worth retrying. */
    public static boolean isTransient(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof SQLTransientException || current instanceof SQLRecoverableException) {
                return true;
            }
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || (state.length() == 5 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                    return true;
                }
            }
            if (current instanceof org.apache.kafka.common.errors.RetriableException
                    || current instanceof java.util.concurrent.TimeoutException
                    || current instanceof java.net.ConnectException
                    || current instanceof jakarta.persistence.LockTimeoutException
                    || current instanceof jakarta.persistence.PessimisticLockException
                    || current instanceof jakarta.persistence.QueryTimeoutException
                    || current instanceof org.hibernate.exception.JDBCConnectionException
                    || current instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            String name = current.getClass().getName();
            // Agroal's pool, out of connections while the database is away, and Narayana's transaction reaper.
            if (current.getMessage() != null && current.getMessage().contains("Acquisition timeout")
                    || name.endsWith("TransactionTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's class and message, for logs and dead-letter reasons. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
