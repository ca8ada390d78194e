package dev.resolve.plumbing.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * An event written to the outbox. The event id is the key, so a transaction's rows are inserted in JDBC batches;
 * the database numbers each row ({@code id}, not mapped here) as it is inserted, and that number is the order
 * the relay publishes in. The relay's own columns (sent, attempts, parked) are read and written by the relay alone.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    @Id
    @Column(name = "event_id", nullable = false, updatable = false)
    UUID eventId;

    @Column(nullable = false, updatable = false)
    String topic;

    @Column(name = "aggregate_type", nullable = false, updatable = false)
    String aggregateType;

    @Column(name = "aggregate_id", nullable = false, updatable = false)
    String aggregateId;

    @Column(name = "event_type", nullable = false, updatable = false)
    String eventType;

    @Column(name = "schema_version", nullable = false, updatable = false)
    int schemaVersion;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    Instant occurredAt;

    @Column(nullable = false, updatable = false)
    String producer;

    @Column(name = "correlation_id", nullable = false, updatable = false)
    String correlationId;

    @Column(name = "causation_id", updatable = false)
    String causationId;

    @Column(nullable = false, updatable = false)
    String actor;

    /** The actor's roles, comma-separated; null for a system actor. */
    @Column(name = "actor_roles", updatable = false)
    String actorRoles;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    String payload;

    protected OutboxMessage() {
    }

    OutboxMessage(String topic, dev.resolve.contracts.events.EventEnvelope envelope, String payload) {
        this.eventId = envelope.eventId();
        this.topic = topic;
        this.aggregateType = envelope.aggregateType();
        this.aggregateId = envelope.aggregateId();
        this.eventType = envelope.type();
        this.schemaVersion = envelope.schemaVersion();
        this.occurredAt = envelope.occurredAt();
        this.producer = envelope.producer();
        this.correlationId = envelope.correlationId();
        this.causationId = envelope.causationId();
        this.actor = envelope.actor();
        this.actorRoles = envelope.actorRoles().isEmpty() ? null : String.join(",", envelope.actorRoles());
        this.payload = payload;
    }
}
