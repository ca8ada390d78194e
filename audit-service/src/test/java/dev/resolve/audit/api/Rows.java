package dev.resolve.audit.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/** Reads what tests need to see in the database directly. */
@ApplicationScoped
public class Rows {

    private final EntityManager entityManager;

    public Rows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The database login the service's connections use. */
    public String currentUser() {
        return QuarkusTransaction.requiringNew().call(() ->
                (String) entityManager.createNativeQuery("SELECT current_user").getSingleResult());
    }

    public long entriesForEvent(UUID eventId) {
        return count("SELECT count(*) FROM audit_entry WHERE event_id = ?1", eventId);
    }

    public long inboxRecords(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM inbox_processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getSingleResult()).longValue());
    }

    /** Pairs of entries that extend the same entry: a fork, which must never exist. */
    public long entriesLinkingTheSamePreviousHash() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM (SELECT previous_hash FROM audit_entry GROUP BY previous_hash HAVING count(*) > 1) forks")
                .getSingleResult()).longValue());
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue());
    }
}
