package dev.resolve.intake.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Serializes writers of one thing (an invoice, a customer, a dispute, the open requests of one customer, invoice and
 * type) across every instance, until the caller's transaction ends: a PostgreSQL advisory transaction lock on a hash
 * of the key. Writers of other things do not wait. It also covers the first write of something new, which no row
 * lock can.
 */
@ApplicationScoped
public class ReferenceLocks {

    private final EntityManager entityManager;

    public ReferenceLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Waits for and takes the lock of {@code kind} {@code key}; call inside a transaction. */
    public void lock(String kind, String key) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, kind + ":" + key)
                .getSingleResult();
    }
}
