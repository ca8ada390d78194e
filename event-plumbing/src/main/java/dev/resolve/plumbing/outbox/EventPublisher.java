package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.json.Json;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Emits events through the transactional outbox: the event is written in the caller's transaction, next to the
 * state change it describes, and the relay publishes it once that transaction commits.
 */
@ApplicationScoped
public class EventPublisher {

    private final EntityManager entityManager;
    private final EventsConfig config;
    private final Event<OutboxWritten> written;

    public EventPublisher(EntityManager entityManager, EventsConfig config, Event<OutboxWritten> written) {
        this.entityManager = entityManager;
        this.config = config;
        this.written = written;
    }

    /**
     * Writes {@code payload} (a record annotated with {@link EventType}) to the outbox for the aggregate
     * {@code aggregateId}. Must run inside the transaction that makes the state change.
     *
     * @return the envelope as it will be published
     * @throws IllegalStateException when the payload does not satisfy its schema (a defect, never a client error)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String aggregateId, Object payload, EventMetadata metadata) {
        EventType declaration = EventPayloads.declaration(payload.getClass());
        EventTypeName type = new EventTypeName(declaration.name(), declaration.version());
        JsonNode json = Json.mapper().valueToTree(payload);
        List<String> violations = EventSchemas.validate(type, json);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(type + " payload breaks its schema: " + violations);
        }
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type.name(), type.version(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), config.producer(), declaration.aggregate().typeName(),
                aggregateId, metadata.correlationId(), metadata.causationId(), metadata.actor(), json);

        OutboxMessage message = new OutboxMessage();
        message.eventId = envelope.eventId();
        message.topic = declaration.aggregate().topic();
        message.aggregateType = envelope.aggregateType();
        message.aggregateId = aggregateId;
        message.eventType = type.name();
        message.schemaVersion = type.version();
        message.occurredAt = envelope.occurredAt();
        message.producer = envelope.producer();
        message.correlationId = envelope.correlationId();
        message.causationId = envelope.causationId();
        message.actor = envelope.actor();
        try {
            message.payload = Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload could not be written", e);
        }
        entityManager.persist(message);
        written.fire(new OutboxWritten(message.topic));
        return envelope;
    }
}
