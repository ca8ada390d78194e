package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventTypeName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a consumer does with each event type it handles, keyed by the payload classes' declared types, so
 * dispatch needs no comparisons of type strings. Event types without a handler are skipped, unless a
 * catch-all handler is given.
 *
 * <p>A handler takes either one event ({@link #on}) or a run of consecutive events of its type ({@link #onBatch}),
 * which lets it read and write a whole run with a few statements. Either way the inbox calls handlers in the order
 * the events arrived, inside the one transaction that records them as processed.
 */
public final class EventHandlers {

    /** Handles one event. */
    @FunctionalInterface
    public interface Handler<P> {
        void handle(ReceivedEvent<P> event);
    }

    /** Handles consecutive events of one type, in arrival order. */
    @FunctionalInterface
    public interface BatchHandler<P> {
        void handle(List<ReceivedEvent<P>> events);
    }

    /** A payload type and what to do with a run of its events; {@code perEvent} when failures can be pinned to one. */
    record Binding<P>(Class<P> payloadType, BatchHandler<P> handler, boolean perEvent) {
    }

    private final Map<EventTypeName, Binding<?>> bindings;
    private final Fallback fallback;
    private final boolean idempotentEffects;

    /** The catch-all: every event no typed handler takes, given only its envelope (payload as a JSON tree). */
    record Fallback(Consumer<List<EventEnvelope>> handler, boolean perEvent) {
    }

    private EventHandlers(Map<EventTypeName, Binding<?>> bindings, Fallback fallback, boolean idempotentEffects) {
        this.bindings = Map.copyOf(bindings);
        this.fallback = fallback;
        this.idempotentEffects = idempotentEffects;
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Binding<?>> binding(EventTypeName type) {
        return Optional.ofNullable(bindings.get(type));
    }

    Optional<Fallback> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** Whether the handlers themselves recognise events they applied (see {@link Builder#idempotentEffects()}). */
    boolean idempotentEffects() {
        return idempotentEffects;
    }

    /** Collects handlers. */
    public static final class Builder {
        private final Map<EventTypeName, Binding<?>> bindings = new HashMap<>();
        private Fallback fallback;
        private boolean idempotentEffects;

        /** Handles events whose payload is {@code payloadType} (a record annotated with {@code @EventType}), one by one. */
        public <P> Builder on(Class<P> payloadType, Handler<P> handler) {
            return bind(payloadType, new Binding<>(payloadType, events -> eachAttributed(events, handler::handle), true));
        }

        /** Handles runs of consecutive events whose payload is {@code payloadType}. */
        public <P> Builder onBatch(Class<P> payloadType, BatchHandler<P> handler) {
            return bind(payloadType, new Binding<>(payloadType, handler, false));
        }

        /** Handles every event no typed handler takes, one by one. */
        public Builder otherwise(Consumer<EventEnvelope> handler) {
            this.fallback = new Fallback(envelopes -> eachAttributed(envelopes, handler), true);
            return this;
        }

        /** Handles runs of consecutive events no typed handler takes. */
        public Builder otherwiseBatch(Consumer<List<EventEnvelope>> handler) {
            this.fallback = new Fallback(handler, false);
            return this;
        }

        /**
         * Declares that every handler records, in its own effect, a key that makes applying an event again change
         * nothing (audit-service's entries are unique per event id; case-service opens one case per request id). The
         * inbox then does not record processed event ids for this consumer: the effect's own unique key is that
         * record, written in the same transaction. Everything else (batches, isolation, outages, dead letters) is the
         * same. A consumer whose effects are not naturally idempotent (a counter) must not declare this.
         */
        public Builder idempotentEffects() {
            this.idempotentEffects = true;
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(bindings, fallback, idempotentEffects);
        }

        private <P> Builder bind(Class<P> payloadType, Binding<P> binding) {
            EventTypeName type = EventPayloads.typeName(payloadType);
            if (bindings.putIfAbsent(type, binding) != null) {
                throw new IllegalArgumentException("two handlers for " + type);
            }
            return this;
        }

        private static <T> void eachAttributed(List<T> events, Consumer<T> handler) {
            for (int i = 0; i < events.size(); i++) {
                try {
                    handler.accept(events.get(i));
                } catch (RuntimeException e) {
                    throw new EventFailure(i, e);
                }
            }
        }
    }

    /** A failure the inbox can pin on one event of a run: the event at {@code index}. */
    static final class EventFailure extends RuntimeException {
        final int index;

        EventFailure(int index, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
        }
    }
}
