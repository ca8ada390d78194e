package dev.resolve.audit.persistence;

import dev.resolve.api.paging.Cursor;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.audit.domain.ChainLink;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Stores audit entries and the chain head. */
@ApplicationScoped
public class AuditEntryRepository implements PanacheRepositoryBase<ChainEntry, Long> {

    /** Where a page of one aggregate's entries starts: after {@code sequence} (0 for the first page). */
    public record After(String aggregateId, long sequence) {

        public static After of(ChainEntry last) {
            return new After(last.aggregateId(), last.sequence());
        }

        /**
         * The key a cursor holds, which must have been issued for {@code aggregateId}; any exception means it is not
         * one {@link #cursor()} made for it.
         */
        public static After from(Cursor cursor, String aggregateId) {
            long sequence = Long.parseLong(cursor.get(1));
            if (sequence < 1 || !cursor.get(0).equals(aggregateId)) {
                throw new IllegalArgumentException("Cursor of another aggregate or position");
            }
            return new After(aggregateId, sequence);
        }

        public Cursor cursor() {
            return Cursor.of(aggregateId, Long.toString(sequence));
        }
    }

    /**
     * Reads the chain head and locks it until the caller's transaction ends ({@code SELECT ... FOR UPDATE}): every
     * appender, in any instance, queues here, so appends happen one after the other.
     */
    public ChainHead lockHead() {
        return head("SELECT last_sequence, last_hash FROM chain_head WHERE id = 1 FOR UPDATE");
    }

    /** Reads the chain head without locking it. */
    public ChainHead readHead() {
        return head("SELECT last_sequence, last_hash FROM chain_head WHERE id = 1");
    }

    /** Moves the head to the entry just inserted; call only while holding {@link #lockHead()}'s lock. */
    public void moveHead(long sequence, String hash) {
        getEntityManager().createNativeQuery("UPDATE chain_head SET last_sequence = ?1, last_hash = ?2 WHERE id = 1")
                .setParameter(1, sequence)
                .setParameter(2, hash)
                .executeUpdate();
    }

    /** Which of {@code eventIds} are already in the chain, in one query. */
    public Set<UUID> recorded(Collection<UUID> eventIds) {
        return new HashSet<>(getEntityManager()
                .createQuery("select e.eventId from ChainEntry e where e.eventId in :ids", UUID.class)
                .setParameter("ids", eventIds)
                .getResultList());
    }

    /** At most {@code limit} entries about {@code aggregateId} after {@code afterSequence}, in chain order. */
    public List<ChainEntry> page(String aggregateId, long afterSequence, int limit) {
        return find("aggregateId = :aggregateId and sequence > :after order by sequence",
                Parameters.with("aggregateId", aggregateId).and("after", afterSequence))
                .range(0, limit - 1)
                .list();
    }

    /**
     * At most {@code size} entries with a sequence above {@code afterSequence} and at most {@code upToSequence}, in
     * chain order, as unmanaged values (nothing stays in the persistence context).
     */
    public List<ChainLink> links(long afterSequence, long upToSequence, int size) {
        return getEntityManager().createQuery("""
                        select new %s(e.sequence, e.eventId, e.eventType, e.aggregateType,
                            e.aggregateId, e.correlationId, e.causationId, e.actor, e.actorRoles, e.producer, e.occurredAt, e.content,
                            e.previousHash, e.hash)
                        from ChainEntry e
                        where e.sequence > :after and e.sequence <= :upTo
                        order by e.sequence""".formatted(ChainLink.class.getName()), ChainLink.class)
                .setParameter("after", afterSequence)
                .setParameter("upTo", upToSequence)
                .setMaxResults(size)
                .getResultList();
    }

    private ChainHead head(String sql) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery(sql).getSingleResult();
        return new ChainHead(((Number) row[0]).longValue(), (String) row[1]);
    }
}
