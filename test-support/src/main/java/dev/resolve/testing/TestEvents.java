package dev.resolve.testing;

import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.json.Json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Builds events as another service would emit them and publishes them to the shared test broker. */
public final class TestEvents {

    private TestEvents() {
    }

    /** An envelope around {@code payload} (a record annotated with {@code @EventType}) for {@code aggregateId}. */
    public static EventEnvelope envelope(Object payload, String aggregateId, String correlationId) {
        EventType declaration = EventPayloads.declaration(payload.getClass());
        return new EventEnvelope(UUID.randomUUID(), declaration.name(), declaration.version(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), "test-producer", declaration.aggregate().typeName(),
                aggregateId, correlationId, null, "tester", java.util.List.of("team-lead", "agent"), Json.mapper().valueToTree(payload));
    }

    /** Publishes {@code envelope} to its aggregate's topic, as the outbox relay would, and waits for the ack. */
    public static EventEnvelope publish(EventEnvelope envelope) {
        KafkaTopics.send(CloudEventCodec.toRecord(topicOf(envelope), envelope));
        return envelope;
    }

    /** Publishes {@code payload} for {@code aggregateId} with a fresh event id. */
    public static EventEnvelope publish(Object payload, String aggregateId) {
        return publish(envelope(payload, aggregateId, "corr-" + UUID.randomUUID()));
    }

    private static String topicOf(EventEnvelope envelope) {
        for (dev.resolve.contracts.events.Aggregate aggregate : dev.resolve.contracts.events.Aggregate.values()) {
            if (aggregate.typeName().equals(envelope.aggregateType())) {
                return aggregate.topic();
            }
        }
        throw new IllegalArgumentException("no topic for aggregate type " + envelope.aggregateType());
    }
}
