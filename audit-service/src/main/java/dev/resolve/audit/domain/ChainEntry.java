package dev.resolve.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.EventEnvelope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One consumed event as recorded in the audit chain. Entries are written once and never changed (the table refuses
 * updates and deletes, and the service's login may only insert and read). The metadata columns repeat what {@link #content} holds, for queries; the hash covers
 * {@link #content} only.
 */
@Entity
@Table(name = "audit_entry")
public class ChainEntry {

    /** Position in the global chain, 1 upwards without gaps; the entry's key. */
    @Id
    @Column(nullable = false, updatable = false)
    private long sequence;

    @Column(name = "event_id", nullable = false, unique = true, updatable = false)
    private UUID eventId;

    /** The versioned type, such as {@code RequestLogged.v1}. */
    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    @Column(name = "aggregate_type", nullable = false, updatable = false)
    private String aggregateType;

    @Column(name = "aggregate_id", nullable = false, updatable = false)
    private String aggregateId;

    @Column(name = "correlation_id", nullable = false, updatable = false)
    private String correlationId;

    @Column(name = "causation_id", updatable = false)
    private String causationId;

    @Column(nullable = false, updatable = false)
    private String actor;

    /** The roles the actor acted in, sorted and comma-separated; null for a system actor. */
    @Column(name = "actor_roles", updatable = false)
    private String actorRoles;

    @Column(nullable = false, updatable = false)
    private String producer;

    /** When the event happened, to the microsecond (the exact value is in {@link #content}). */
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    /** When this service recorded it; not covered by the hash. */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    /** The case this entry is about, if any (see {@link EntrySubjects}); not hashed, derived from the content. */
    @Column(name = "case_id", updatable = false)
    private String caseId;

    /** The service request this entry is about, if any (see {@link EntrySubjects}). */
    @Column(name = "request_id", updatable = false)
    private String requestId;

    /** The customer this entry names, if any (see {@link EntrySubjects}). */
    @Column(name = "customer_reference", updatable = false)
    private String customerReference;

    /** The canonical JSON that was hashed, exactly as hashed (see {@link ChainHash#content}). */
    @Column(nullable = false, updatable = false)
    private String content;

    @Column(name = "previous_hash", nullable = false, updatable = false)
    private String previousHash;

    @Column(nullable = false, updatable = false)
    private String hash;

    protected ChainEntry() {
        // For JPA.
    }

    /**
     * The entry that records {@code envelope} at {@code sequence}, linked to the entry before it by
     * {@code previousHash}; its content and hash are computed here (see {@link ChainHash}).
     */
    public static ChainEntry of(EventEnvelope envelope, long sequence, String previousHash, Instant recordedAt) {
        ChainEntry entry = new ChainEntry();
        entry.sequence = sequence;
        entry.eventId = envelope.eventId();
        entry.eventType = envelope.cloudEventType();
        entry.aggregateType = envelope.aggregateType();
        entry.aggregateId = envelope.aggregateId();
        entry.correlationId = envelope.correlationId();
        entry.causationId = envelope.causationId();
        entry.actor = envelope.actor();
        entry.actorRoles = envelope.actorRoles().isEmpty() ? null
                : String.join(",", envelope.actorRoles().stream().sorted().toList());
        entry.producer = envelope.producer();
        entry.occurredAt = envelope.occurredAt().truncatedTo(ChronoUnit.MICROS);
        entry.recordedAt = recordedAt;
        EntrySubjects subjects = EntrySubjects.of(envelope.aggregateType(), envelope.aggregateId(),
                text(envelope.payload(), "caseId"), text(envelope.payload(), "requestId"),
                text(envelope.payload(), "customerReference"));
        entry.caseId = subjects.caseId();
        entry.requestId = subjects.requestId();
        entry.customerReference = subjects.customerReference();
        entry.content = ChainHash.content(envelope, sequence);
        entry.previousHash = previousHash;
        entry.hash = ChainHash.hash(previousHash, entry.content);
        return entry;
    }

    private static String text(JsonNode payload, String member) {
        JsonNode value = payload == null ? null : payload.get(member);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    public long sequence() {
        return sequence;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String aggregateType() {
        return aggregateType;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public String correlationId() {
        return correlationId;
    }

    public String causationId() {
        return causationId;
    }

    public String actor() {
        return actor;
    }

    /** The roles the actor acted in, sorted; empty for a system actor. */
    public List<String> actorRoles() {
        return actorRoles == null || actorRoles.isEmpty() ? List.of() : List.of(actorRoles.split(","));
    }

    public String producer() {
        return producer;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String caseId() {
        return caseId;
    }

    public String requestId() {
        return requestId;
    }

    public String customerReference() {
        return customerReference;
    }

    public String content() {
        return content;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}
