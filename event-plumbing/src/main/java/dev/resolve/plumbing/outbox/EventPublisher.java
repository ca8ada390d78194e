package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.json.Json;
import dev.resolve.plumbing.AfterCommit;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
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

    private static final Object WAKE_REGISTERED = new Object();

    private final EntityManager entityManager;
    private final EventsConfig config;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public EventPublisher(EntityManager entityManager, EventsConfig config, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.config = config;
        this.relay = relay;
        this.transactions = transactions;
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
                aggregateId, metadata.correlationId(), metadata.causationId(), metadata.actor(), metadata.actorRoles(), json);

        String serialized;
        try {
            serialized = Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload could not be written", e);
        }
        entityManager.persist(new OutboxMessage(declaration.aggregate().topic(), envelope, serialized));
        wakeRelayAfterCommit();
        return envelope;
    }

    /** Wakes this instance's relay once the transaction commits; registered once per transaction. */
    private void wakeRelayAfterCommit() {
        AfterCommit.runOnce(transactions, WAKE_REGISTERED, relay::wake);
    }
}
