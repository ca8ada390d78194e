package dev.resolve.plumbing;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the inbox table small (the relay deletes sent outbox rows itself) and exposes the outbox backlog to Prometheus
 * ({@code resolve_outbox_pending}, {@code resolve_outbox_oldest_pending_age_seconds},
 * {@code resolve_outbox_parked_rows}).
 */
@ApplicationScoped
@Startup // the gauges exist from the first scrape, not from the first refresh
public class EventTableMaintenance {

    private final AgroalDataSource dataSource;
    private final EventsConfig config;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    public EventTableMaintenance(AgroalDataSource dataSource, EventsConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        Gauge.builder("resolve.outbox.pending", pending, AtomicLong::get)
                .description("Events written to the outbox and not yet acknowledged by Kafka (parked ones excluded)")
                .register(meters);
        Gauge.builder("resolve.outbox.parked.rows", parked, AtomicLong::get)
                .description("Outbox rows parked after repeated failures, waiting for an operator")
                .register(meters);
        Gauge.builder("resolve.outbox.oldest.pending.age.seconds", oldestPendingAgeSeconds, AtomicLong::get)
                .description("Age of the oldest event still waiting in the outbox")
                .register(meters);
    }

    /** Outbox rows waiting to be sent (parked ones excluded), as of the last refresh. */
    public long pending() {
        return pending.get();
    }

    /** Parked outbox rows, as of the last refresh. */
    public long parked() {
        return parked.get();
    }

    @Scheduled(every = "${resolve.events.outbox.backlog-refresh:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshBacklog() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT count(*) FILTER (WHERE parked_at IS NULL),
                               coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)), 0)::bigint,
                               count(*) FILTER (WHERE parked_at IS NOT NULL)
                          FROM outbox_message""");
                ResultSet result = statement.executeQuery()) {
            result.next();
            pending.set(result.getLong(1));
            oldestPendingAgeSeconds.set(result.getLong(2));
            parked.set(result.getLong(3));
        } catch (SQLException e) {
            Log.debugf("Outbox backlog not refreshed: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${resolve.events.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpiredRows() {
        try (Connection connection = dataSource.getConnection()) {
            int inbox = delete(connection, "DELETE FROM inbox_processed_event WHERE processed_at < now() - make_interval(secs => ?)",
                    config.inbox().retention().toSeconds());
            if (inbox > 0) {
                Log.infof("Deleted %d remembered event ids past retention", inbox);
            }
        } catch (SQLException e) {
            Log.warnf("Inbox clean-up failed: %s", e.getMessage());
        }
    }

    private static int delete(Connection connection, String sql, long seconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, seconds);
            return statement.executeUpdate();
        }
    }
}
