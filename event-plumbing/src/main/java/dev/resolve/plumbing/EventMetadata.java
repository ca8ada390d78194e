package dev.resolve.plumbing;

import dev.resolve.api.context.CallContext;
import dev.resolve.api.security.Caller;
import dev.resolve.contracts.events.EventEnvelope;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who and what caused an event: the correlation id of the business flow, the id of the causing event or
 * request, and the actor.
 */
public record EventMetadata(String correlationId, String causationId, String actor, List<String> actorRoles) {

    public EventMetadata {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(actor, "actor");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }

    /** Metadata for an event caused by an API call: its correlation id, and the caller as actor, with their roles. */
    public static EventMetadata fromRequest(CallContext call) {
        Caller caller = call.caller();
        return new EventMetadata(call.correlationId(), null, caller.subject(), caller.roles());
    }

    /** Metadata for an event caused by a request with {@code correlationId} (made up when null) by {@code actor}. */
    public static EventMetadata fromRequest(String correlationId, String actor, String... actorRoles) {
        return new EventMetadata(correlationId == null ? UUID.randomUUID().toString() : correlationId, null, actor,
                List.of(actorRoles));
    }

    /** Metadata for an event that {@code cause} led to, done by {@code actor} in no role (a system actor). */
    public static EventMetadata causedBy(EventEnvelope cause, String actor) {
        return new EventMetadata(cause.correlationId(), cause.eventId().toString(), actor, List.of());
    }

    /** The actor name of a service acting on its own: {@code system:<service>}. */
    public static String systemActor(String service) {
        return "system:" + service;
    }
}
