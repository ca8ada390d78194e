package dev.resolve.cases.persistence;

import dev.resolve.api.paging.Cursor;
import dev.resolve.cases.domain.ServiceCase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/** Stores cases and reads them newest first, a page at a time. */
@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<ServiceCase, UUID> {

    /** Where a page starts: after the case opened at {@code openedAt} with {@code id} (newest-first order). */
    public record After(Instant openedAt, UUID id) {

        public static After of(ServiceCase last) {
            return new After(last.openedAt(), last.id());
        }

        /** The key a cursor holds; any exception means it is not one {@link #cursor()} made. */
        public static After from(Cursor cursor) {
            return new After(Instant.parse(cursor.get(0)), UUID.fromString(cursor.get(1)));
        }

        public Cursor cursor() {
            return Cursor.of(openedAt.toString(), id.toString());
        }
    }

    public Optional<ServiceCase> findByRequestId(UUID requestId) {
        return find("requestId", requestId).firstResultOptional();
    }

    /** Which of {@code requestIds} already have a case, in one query. */
    public Set<UUID> requestsWithCases(Collection<UUID> requestIds) {
        return new HashSet<>(getEntityManager()
                .createQuery("select c.requestId from ServiceCase c where c.requestId in :ids", UUID.class)
                .setParameter("ids", requestIds)
                .getResultList());
    }

    /** Up to {@code limit} cases matching the filters (each may be null), newest first, after {@code after}. */
    public List<ServiceCase> page(String customerReference, String team, UUID requestId, ServiceCase.Status status, After after,
            int limit) {
        StringJoiner where = new StringJoiner(" and ");
        List<Object> parameters = new ArrayList<>();
        if (customerReference != null) {
            parameters.add(customerReference);
            where.add("customerReference = ?" + parameters.size());
        }
        if (team != null) {
            parameters.add(team);
            where.add("team = ?" + parameters.size());
        }
        if (requestId != null) {
            parameters.add(requestId);
            where.add("requestId = ?" + parameters.size());
        }
        if (status != null) {
            parameters.add(status);
            where.add("status = ?" + parameters.size());
        }
        if (after != null) {
            parameters.add(after.openedAt());
            int openedAt = parameters.size();
            parameters.add(after.id());
            where.add("(openedAt < ?" + openedAt + " or (openedAt = ?" + openedAt + " and id < ?" + parameters.size() + "))");
        }
        String query = (where.length() == 0 ? "" : where + " ") + "order by openedAt desc, id desc";
        return find(query, parameters.toArray()).page(0, limit).list();
    }
}
