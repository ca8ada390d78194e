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

    /** Rows in service_request, outbox_message and idempotency_key, as one comparable text. */
    public String snapshot() {
        return QuarkusTransaction.requiringNew().call(() -> "requests=" + count("service_request")
                + " outbox=" + count("outbox_message") + " keys=" + count("idempotency_key"));
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
