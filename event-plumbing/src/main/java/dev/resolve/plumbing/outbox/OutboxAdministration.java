package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What operators may see and do about parked outbox rows: list them, and send one again after a fix. */
@ApplicationScoped
public class OutboxAdministration {

    private static final String PARKED = """
            SELECT id, event_id, topic, aggregate_type, aggregate_id, event_type, schema_version, attempts, last_error,
                   created_at, parked_at,
                   (SELECT count(*) FROM outbox_message w
                     WHERE w.aggregate_id = p.aggregate_id AND w.id > p.id)
              FROM outbox_message p
             WHERE parked_at IS NOT NULL AND id > ?
             ORDER BY id
             LIMIT ?""";
    private static final String RETRY = """
            UPDATE outbox_message SET parked_at = NULL, next_attempt_at = NULL, attempts = 0
             WHERE event_id = ? AND parked_at IS NOT NULL""";

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;

    public OutboxAdministration(AgroalDataSource dataSource, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    /**
     * A parked event: what it is, how often it failed and why, and how many later events of its aggregate wait
     * behind it. {@code position} orders the list and pages it.
     */
    public record ParkedEvent(@JsonIgnore long position, UUID eventId, String topic, String aggregateType, String aggregateId,
            String eventType, int schemaVersion, int attempts, String lastError, Instant createdAt, Instant parkedAt,
            long waitingBehind) {
    }

    /** Up to {@code limit} parked events after {@code afterPosition} (0 for the first), oldest first. */
    public List<ParkedEvent> parked(long afterPosition, int limit) {
        List<ParkedEvent> parked = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PARKED)) {
            statement.setLong(1, afterPosition);
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parked.add(new ParkedEvent(rows.getLong(1), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getInt(7), rows.getInt(8),
                            rows.getString(9), rows.getObject(10, OffsetDateTime.class).toInstant(),
                            rows.getObject(11, OffsetDateTime.class).toInstant(), rows.getLong(12)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Parked outbox rows could not be read", e);
        }
        return parked;
    }

    /**
     * Un-parks the event with {@code eventId}: the relay sends it again at once, then its aggregate's later events.
     *
     * @return false when no parked event has that id
     */
    public boolean retry(UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RETRY)) {
            statement.setObject(1, eventId);
            boolean retried = statement.executeUpdate() == 1;
            if (retried) {
                Log.infof("Parked outbox event %s goes out again", eventId);
                relay.wake();
            }
            return retried;
        } catch (SQLException e) {
            throw new IllegalStateException("The parked outbox row could not be retried", e);
        }
    }
}
