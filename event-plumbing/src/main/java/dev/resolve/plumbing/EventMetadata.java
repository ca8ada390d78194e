package dev.resolve.plumbing;

import dev.resolve.contracts.events.EventEnvelope;

import java.util.Objects;
import java.util.UUID;

/**
 * Who and what caused an event: the correlation id of the business flow, the id of the causing event or
 * request, and the actor.
 */
public record EventMetadata(String correlationId, String causationId, String actor) {

    public EventMetadata {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(actor, "actor");
    }

    /** Metadata for an event caused by an API call carrying {@code correlationId}. */
    public static EventMetadata fromRequest(String correlationId, String actor) {
        return new EventMetadata(correlationId == null ? UUID.randomUUID().toString() : correlationId, null, actor);
    }

    /** Metadata for an event that {@code cause} led to: same correlation id, caused by that event. */
    public static EventMetadata causedBy(EventEnvelope cause, String actor) {
        return new EventMetadata(cause.correlationId(), cause.eventId().toString(), actor);
    }

    /** The actor name of a service acting on its own: {@code system:<service>}. */
    public static String systemActor(String service) {
        return "system:" + service;
    }
}
