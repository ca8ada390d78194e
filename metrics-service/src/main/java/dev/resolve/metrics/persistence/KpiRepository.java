package dev.resolve.metrics.persistence;

import dev.resolve.metrics.domain.Kpi;
import dev.resolve.metrics.domain.KpiCount;
import dev.resolve.metrics.domain.KpiSnapshot;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import dev.resolve.contracts.events.payload.CaseOpened;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private static final String TRACK_CASES = """
            INSERT INTO kpi_case (case_id, channel, request_type, opened_at)
            SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[])
            ON CONFLICT (case_id) DO NOTHING
            RETURNING case_id""";
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

    /** Records opened cases with their labels in one statement; returns the ids of those not recorded before. */
    public Set<UUID> trackOpenedCases(List<CaseOpened> cases) {
        Object[] ids = cases.stream().map(CaseOpened::caseId).toArray();
        Object[] channels = cases.stream().map(CaseOpened::channel).toArray();
        Object[] types = cases.stream().map(CaseOpened::type).toArray();
        Object[] openedAt = cases.stream().map(opened -> java.sql.Timestamp.from(opened.openedAt())).toArray();
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> inserted = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(TRACK_CASES)) {
                statement.setArray(1, connection.createArrayOf("uuid", ids));
                statement.setArray(2, connection.createArrayOf("text", channels));
                statement.setArray(3, connection.createArrayOf("text", types));
                statement.setArray(4, connection.createArrayOf("timestamptz", openedAt));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            return inserted;
        });
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
