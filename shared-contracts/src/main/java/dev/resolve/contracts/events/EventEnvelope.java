package dev.resolve.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every Resolve event travels in (schema {@code events/schemas/EventEnvelope.v1.schema.json}).
 * On Kafka it is a CloudEvents 1.0 record in binary mode: the payload is the record value and the other
 * fields are {@code ce_*} headers (see {@link CloudEventHeaders}).
 *
 * @param eventId unique id of this event; consumers use it to drop redeliveries
 * @param type short event name, such as {@code RequestLogged}
 * @param schemaVersion version of the payload schema; additive changes keep it, breaking ones raise it
 * @param occurredAt when the state change happened (UTC)
 * @param producer the service that emitted the event, such as {@code intake-service}
 * @param aggregateType the kind of aggregate the event is about, such as {@code ServiceRequest}
 * @param aggregateId the aggregate's id; also the Kafka record key, so one aggregate's events stay in order
 * @param correlationId shared by every event of one business flow
 * @param causationId the id of the event (or request) that caused this one, if any
 * @param actor who caused it: a user (the token's subject), {@code system:<service>} or {@code anonymous}
 * @param actorRoles the roles the user acted in (empty for a system actor)
 * @param payload the event's data, valid against its schema
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String producer,
        String aggregateType,
        String aggregateId,
        String correlationId,
        String causationId,
        String actor,
        List<String> actorRoles,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(actor, "actor");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1");
        }
    }

    /** An envelope whose actor acted in no role (a system actor). */
    public EventEnvelope(UUID eventId, String type, int schemaVersion, Instant occurredAt, String producer,
            String aggregateType, String aggregateId, String correlationId, String causationId, String actor,
            JsonNode payload) {
        this(eventId, type, schemaVersion, occurredAt, producer, aggregateType, aggregateId, correlationId, causationId,
                actor, List.of(), payload);
    }

    /** The CloudEvents {@code type}: the event name and its schema version, such as {@code RequestLogged.v1}. */
    @JsonIgnore
    public String cloudEventType() {
        return EventTypeName.of(type, schemaVersion);
    }
}
