package dev.resolve.intake.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Counts what a test changed in the database. */
@ApplicationScoped
public class Rows {

    private final EntityManager entityManager;

    public Rows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Rows in service_request, idempotency_key and billing_dispute, and the number of outbox rows ever written, as one comparable text.
     * The relay deletes outbox rows once sent, so the outbox is measured by its identity sequence: a request that wrote
     * an event (even one later rolled back) moves it.
     */
    public String snapshot() {
        return QuarkusTransaction.requiringNew().call(() -> "requests=" + count("service_request")
                + " outbox=" + outboxRowsEverWritten() + " keys=" + count("idempotency_key")
                + " disputes=" + count("billing_dispute"));
    }

    private long outboxRowsEverWritten() {
        return ((Number) entityManager.createNativeQuery(
                "SELECT coalesce(last_value, 0) FROM pg_sequences WHERE sequencename = 'outbox_message_id_seq'")
                .getSingleResult()).longValue();
    }

    public long count(String table) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue());
    }

    public long requestsWithSubject(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM service_request WHERE subject = ?1")
                .setParameter(1, subject).getSingleResult()).longValue());
    }
}
