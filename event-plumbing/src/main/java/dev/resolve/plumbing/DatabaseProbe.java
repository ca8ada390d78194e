package dev.resolve.plumbing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;

/** Asks whether the service's database answers right now; consumers ask it before counting a failure as a defect. */
@ApplicationScoped
public class DatabaseProbe {

    private static final long CACHE_NANOS = 500_000_000L;

    private final AgroalDataSource dataSource;
    private volatile long checkedAt;
    private volatile boolean reachable = true;

    public DatabaseProbe(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether a connection can be had and answers within two seconds (remembered for half a second). */
    public boolean isReachable() {
        long now = System.nanoTime();
        if (checkedAt != 0 && now - checkedAt < CACHE_NANOS) {
            return reachable;
        }
        boolean answer;
        try (Connection connection = dataSource.getConnection()) {
            answer = connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            answer = false;
        }
        reachable = answer;
        checkedAt = System.nanoTime();
        return answer;
    }
}
