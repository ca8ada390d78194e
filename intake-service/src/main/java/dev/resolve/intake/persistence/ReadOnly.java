package dev.resolve.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.jpa.HibernateHints;

import java.util.Map;
import java.util.Optional;

/**
 * Loads reference data that a request is only checked against (a customer, an invoice, a contract) read-only: no
 * snapshot for dirty checking is taken and nothing is compared at commit, which for an entity with JSON columns would
 * mean serializing them again on every request.
 */
final class ReadOnly {

    private static final Map<String, Object> HINTS = Map.of(HibernateHints.HINT_READ_ONLY, true);

    private ReadOnly() {
    }

    static <E, I> Optional<E> find(PanacheRepositoryBase<E, I> repository, Class<E> type, I id) {
        return Optional.ofNullable(repository.getEntityManager().find(type, id, HINTS));
    }
}
