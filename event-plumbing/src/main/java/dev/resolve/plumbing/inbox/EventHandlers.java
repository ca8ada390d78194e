package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventTypeName;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a consumer does with each event type it handles, keyed by the payload classes' declared types, so
 * dispatch needs no comparisons of type strings. Event types without a handler are skipped, unless a
 * catch-all handler is given.
 */
public final class EventHandlers {

    /** Handles one event type; runs inside the transaction that records the event as processed. */
    @FunctionalInterface
    public interface Handler<P> {
        void handle(ReceivedEvent<P> event);
    }

    record Binding<P>(Class<P> payloadType, Handler<P> handler) {
    }

    private final Map<EventTypeName, Binding<?>> bindings;
    private final Consumer<EventEnvelope> fallback;

    private EventHandlers(Map<EventTypeName, Binding<?>> bindings, Consumer<EventEnvelope> fallback) {
        this.bindings = Map.copyOf(bindings);
        this.fallback = fallback;
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Binding<?>> binding(EventTypeName type) {
        return Optional.ofNullable(bindings.get(type));
    }

    Optional<Consumer<EventEnvelope>> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** Collects handlers. */
    public static final class Builder {
        private final Map<EventTypeName, Binding<?>> bindings = new HashMap<>();
        private Consumer<EventEnvelope> fallback;

        /** Handles events whose payload is {@code payloadType} (a record annotated with {@code @EventType}). */
        public <P> Builder on(Class<P> payloadType, Handler<P> handler) {
            EventTypeName type = EventPayloads.typeName(payloadType);
            if (bindings.putIfAbsent(type, new Binding<>(payloadType, handler)) != null) {
                throw new IllegalArgumentException("two handlers for " + type);
            }
            return this;
        }

        /** Handles every event no typed handler takes, given only its envelope (payload as a JSON tree). */
        public Builder otherwise(Consumer<EventEnvelope> handler) {
            this.fallback = handler;
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(bindings, fallback);
        }
    }
}
