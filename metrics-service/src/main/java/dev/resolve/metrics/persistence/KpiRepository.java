package dev.resolve.metrics.persistence;

import dev.resolve.metrics.domain.Kpi;
import dev.resolve.metrics.domain.KpiCount;
import dev.resolve.metrics.domain.KpiSnapshot;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The KPI projection tables. Changes go through the entity manager, so they join the inbox's transaction; reads
 * use plain JDBC, so they work on any thread without a transaction.
 */
@ApplicationScoped
public class KpiRepository {

    private static final String ADD = """
            INSERT INTO kpi_counter AS c (kpi, channel, request_type, value, last_event_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, now())
            ON CONFLICT (kpi, channel, request_type) DO UPDATE
               SET value = c.value + EXCLUDED.value,
                   last_event_at = GREATEST(c.last_event_at, EXCLUDED.last_event_at),
                   updated_at = now()""";
    private static final String TRACK_CASE = """
            INSERT INTO kpi_case (case_id, channel, request_type, opened_at)
            VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (case_id) DO NOTHING""";
    private static final String READ = """
            SELECT kpi, channel, request_type, value, max(last_event_at) OVER ()
              FROM kpi_counter
             ORDER BY kpi, channel, request_type""";

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    public KpiRepository(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** Adds {@code delta} to a count, creating it if needed, in the current transaction. */
    public void add(Kpi kpi, String channel, String type, long delta, Instant eventOccurredAt) {
        entityManager.createNativeQuery(ADD)
                .setParameter(1, kpi.key())
                .setParameter(2, channel)
                .setParameter(3, type)
                .setParameter(4, delta)
                .setParameter(5, eventOccurredAt)
                .executeUpdate();
    }

    /** Records an opened case with its labels; false when the case was already recorded. */
    public boolean trackOpenedCase(UUID caseId, String channel, String type, Instant openedAt) {
        return entityManager.createNativeQuery(TRACK_CASE)
                .setParameter(1, caseId)
                .setParameter(2, channel)
                .setParameter(3, type)
                .setParameter(4, openedAt)
                .executeUpdate() == 1;
    }

    /** Every count of every KPI this version knows, with the time of the newest event they include. */
    public KpiSnapshot read() {
        List<KpiCount> counts = new ArrayList<>();
        Instant asOf = null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(READ);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                asOf = rows.getObject(5, OffsetDateTime.class).toInstant();
                Kpi kpi = Kpi.fromKey(rows.getString(1));
                if (kpi != null) {
                    counts.add(new KpiCount(kpi, rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The KPI counts could not be read", e);
        }
        return new KpiSnapshot(List.copyOf(counts), asOf);
    }
}
