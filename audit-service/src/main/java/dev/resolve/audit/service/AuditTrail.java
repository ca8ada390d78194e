package dev.resolve.audit.service;

import dev.resolve.api.paging.Page;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.plumbing.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Appends events to the one global audit chain and reads it back per aggregate. */
@ApplicationScoped
public class AuditTrail {

    private final AuditEntryRepository entries;
    private final MeterRegistry meters;
    private final TransactionSynchronizationRegistry transactions;

    public AuditTrail(AuditEntryRepository entries, MeterRegistry meters, TransactionSynchronizationRegistry transactions) {
        this.entries = entries;
        this.meters = meters;
        this.transactions = transactions;
    }

    /**
     * Appends {@code envelope} as the next entry of the chain, in the caller's transaction (see {@link #appendAll}).
     *
     * @return the new entry, or empty when the event was already recorded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChainEntry> append(EventEnvelope envelope) {
        List<ChainEntry> appended = appendAll(List.of(envelope));
        return appended.isEmpty() ? Optional.empty() : Optional.of(appended.get(0));
    }

    /**
     * Appends {@code envelopes}, in order, as the next entries of the chain, in the caller's transaction, taking the
     * append lock once for all of them. The lock is held until that transaction ends, so concurrent
     * appenders (in this or another instance) wait and then link to the last of these entries: the chain cannot
     * fork. Events already in the chain are not appended again. The head is the last entry: nothing is updated.
     *
     * @return the new entries, in chain order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChainEntry> appendAll(List<EventEnvelope> envelopes) {
        entries.lockAppends();
        ChainHead head = entries.head();
        Set<UUID> recorded = entries.recorded(envelopes.stream().map(EventEnvelope::eventId).toList());
        long sequence = head.lastSequence();
        String previousHash = head.lastHash();
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<ChainEntry> appended = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            if (!recorded.add(envelope.eventId())) {
                Log.debugf("Event %s is already in the audit chain", envelope.eventId());
                continue;
            }
            sequence++;
            ChainEntry entry = ChainEntry.of(envelope, sequence, previousHash, recordedAt);
            previousHash = entry.hash();
            entries.persist(entry);
            appended.add(entry);
        }
        if (!appended.isEmpty()) {
            entries.flush();
            countOnCommit(appended);
        }
        return appended;
    }

    /**
     * Up to {@code limit} entries matching {@code filter} after {@code afterSequence}, in chain order, and where the
     * next page starts when more follow.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ChainEntry> search(AuditEntryRepository.Filter filter, long afterSequence, int limit) {
        return Page.of(entries.search(filter, afterSequence, Page.rowsToRead(limit)), limit,
                last -> filter.cursorAfter(last.sequence()));
    }

    private void countOnCommit(List<ChainEntry> appended) {
        AfterCommit.run(transactions, () ->
                appended.forEach(entry -> meters.counter("resolve.audit.entries.appended", "type", entry.eventType()).increment()));
    }
}
