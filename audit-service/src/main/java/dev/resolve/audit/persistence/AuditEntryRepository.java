package dev.resolve.audit.persistence;

import dev.resolve.api.paging.Cursor;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.contracts.json.CanonicalJson;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Stores audit entries and finds them. */
@ApplicationScoped
public class AuditEntryRepository implements PanacheRepositoryBase<ChainEntry, Long> {

    /** The advisory lock every appender takes (any instance): "audit-append" as a number. */
    public static final long APPEND_LOCK = 0x6175646974L;

    /**
     * What a search asks for; every non-null member must match. {@link #fingerprint()} ties a cursor to the search it
     * was issued for.
     */
    public record Filter(String aggregateId, String caseId, String requestId, String customerReference, String actor,
            String eventType, String correlationId, Instant occurredFrom, Instant occurredTo) {

        public String fingerprint() {
            String text = String.join("\u0000", Objects.toString(aggregateId), Objects.toString(caseId),
                    Objects.toString(requestId), Objects.toString(customerReference), Objects.toString(actor),
                    Objects.toString(eventType), Objects.toString(correlationId), Objects.toString(occurredFrom),
                    Objects.toString(occurredTo));
            return CanonicalJson.sha256Hex(text).substring(0, 16);
        }

        /** The cursor that continues this search after {@code sequence}. */
        public Cursor cursorAfter(long sequence) {
            return Cursor.of(fingerprint(), Long.toString(sequence));
        }

        /**
         * The sequence a cursor continues after, which must have been issued for this search; any exception means it
         * is not one {@link #cursorAfter} made for it.
         */
        public long after(Cursor cursor) {
            long sequence = Long.parseLong(cursor.get(1));
            if (sequence < 1 || !cursor.get(0).equals(fingerprint())) {
                throw new IllegalArgumentException("Cursor of another search or position");
            }
            return sequence;
        }
    }

    /**
     * Queues this transaction behind every other appender (in any instance) until it ends: a transaction-scoped
     * advisory lock. The head read after it is the committed end of the chain, and no one else extends it meanwhile.
     */
    public void lockAppends() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")").getSingleResult();
    }

    /** The last entry's sequence and hash: the head of the chain. */
    public ChainHead head() {
        List<?> rows = getEntityManager()
                .createNativeQuery("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
                .getResultList();
        if (rows.isEmpty()) {
            return ChainHead.EMPTY;
        }
        Object[] row = (Object[]) rows.get(0);
        return new ChainHead(((Number) row[0]).longValue(), (String) row[1]);
    }

    /** Which of {@code eventIds} are already in the chain, in one query. */
    public Set<UUID> recorded(Collection<UUID> eventIds) {
        return new HashSet<>(getEntityManager()
                .createQuery("select e.eventId from ChainEntry e where e.eventId in :ids", UUID.class)
                .setParameter("ids", eventIds)
                .getResultList());
    }

    /** At most {@code limit} entries matching {@code filter} after {@code afterSequence}, in chain order. */
    public List<ChainEntry> search(Filter filter, long afterSequence, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = Parameters.with("after", afterSequence);
        conditions.add("sequence > :after");
        add(conditions, parameters, "aggregateId", filter.aggregateId());
        add(conditions, parameters, "caseId", filter.caseId());
        add(conditions, parameters, "requestId", filter.requestId());
        add(conditions, parameters, "customerReference", filter.customerReference());
        add(conditions, parameters, "actor", filter.actor());
        add(conditions, parameters, "eventType", filter.eventType());
        add(conditions, parameters, "correlationId", filter.correlationId());
        if (filter.occurredFrom() != null) {
            conditions.add("occurredAt >= :occurredFrom");
            parameters.and("occurredFrom", filter.occurredFrom());
        }
        if (filter.occurredTo() != null) {
            conditions.add("occurredAt < :occurredTo");
            parameters.and("occurredTo", filter.occurredTo());
        }
        return find(String.join(" and ", conditions) + " order by sequence", parameters).range(0, limit - 1).list();
    }

    private static void add(List<String> conditions, Parameters parameters, String field, String value) {
        if (value != null) {
            conditions.add(field + " = :" + field);
            parameters.and(field, value);
        }
    }
}
