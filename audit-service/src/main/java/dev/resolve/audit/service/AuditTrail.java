package dev.resolve.audit.service;

import dev.resolve.audit.domain.AuditEntry;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.contracts.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
     * Appends {@code envelope} as the next entry of the chain, in the caller's transaction. The chain head stays
     * locked until that transaction ends, so concurrent appenders (in this or another instance) wait and then link
     * to this entry: the chain cannot fork. An event already in the chain is not appended again.
     *
     * @return the new entry, or empty when the event was already recorded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuditEntry> append(EventEnvelope envelope) {
        ChainHead head = entries.lockHead();
        if (entries.contains(envelope.eventId())) {
            Log.debugf("Event %s is already in the audit chain", envelope.eventId());
            return Optional.empty();
        }
        long sequence = head.lastSequence() + 1;
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.sequence = sequence;
        entry.eventId = envelope.eventId();
        entry.eventType = envelope.cloudEventType();
        entry.aggregateType = envelope.aggregateType();
        entry.aggregateId = envelope.aggregateId();
        entry.correlationId = envelope.correlationId();
        entry.causationId = envelope.causationId();
        entry.actor = envelope.actor();
        entry.producer = envelope.producer();
        entry.occurredAt = envelope.occurredAt().truncatedTo(ChronoUnit.MICROS);
        entry.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.content = ChainHash.content(envelope, sequence);
        entry.previousHash = head.lastHash();
        entry.hash = ChainHash.hash(entry.previousHash, entry.content);
        entries.persist(entry);
        entries.flush();
        entries.moveHead(sequence, entry.hash);
        countOnCommit(entry.eventType);
        return Optional.of(entry);
    }

    /**
     * Up to {@code limit} entries about {@code aggregateId} after {@code afterSequence} (0 for the first page), in
     * chain order, and whether more follow.
     */
    public Page page(String aggregateId, long afterSequence, int limit) {
        List<AuditEntry> found = entries.page(aggregateId, afterSequence, limit + 1);
        boolean more = found.size() > limit;
        return new Page(more ? found.subList(0, limit) : found, more);
    }

    /** One page of entries; {@code more} when entries follow the last one. */
    public record Page(List<AuditEntry> items, boolean more) {
    }

    private void countOnCommit(String eventType) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    meters.counter("resolve.audit.entries.appended", "type", eventType).increment();
                }
            }
        });
    }
}
