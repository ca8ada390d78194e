package dev.resolve.audit.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One consumed event as recorded in the audit chain. Entries are written once and never changed (the table refuses
 * updates and deletes). The metadata columns repeat what {@link #content} holds, for queries; the hash covers
 * {@link #content} only.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    /** Position in the global chain, 1 upwards without gaps; the entry's key. */
    @Id
    @Column(nullable = false, updatable = false)
    public long sequence;

    @Column(name = "event_id", nullable = false, unique = true, updatable = false)
    public UUID eventId;

    /** The versioned type, such as {@code RequestLogged.v1}. */
    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Column(name = "aggregate_type", nullable = false, updatable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false, updatable = false)
    public String aggregateId;

    @Column(name = "correlation_id", nullable = false, updatable = false)
    public String correlationId;

    @Column(name = "causation_id", updatable = false)
    public String causationId;

    @Column(nullable = false, updatable = false)
    public String actor;

    /** The roles the actor acted in, sorted and comma-separated; null for a system actor. */
    @Column(name = "actor_roles", updatable = false)
    public String actorRoles;

    @Column(nullable = false, updatable = false)
    public String producer;

    /** When the event happened, to the microsecond (the exact value is in {@link #content}). */
    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    /** When this service recorded it; not covered by the hash. */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    public Instant recordedAt;

    /** The canonical JSON that was hashed, exactly as hashed (see {@link ChainHash#content}). */
    @Column(nullable = false, updatable = false)
    public String content;

    @Column(name = "previous_hash", nullable = false, updatable = false)
    public String previousHash;

    @Column(nullable = false, updatable = false)
    public String hash;
}
