package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.plumbing.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The consuming side of the event plumbing. For each record it reads the CloudEvent, checks the payload against
 * its schema, and runs the handler in one transaction with the insert of the event id into
 * {@code inbox_processed_event}: a redelivered event finds its id there and changes nothing.
 *
 * <p>Records that cannot be read, or whose payload breaks its schema, are dead-lettered at once. A handler that
 * keeps failing is retried with a growing pause and dead-lettered after the configured attempts. Either way the
 * record goes to the consumer's dead-letter topic (via the Kafka connector's {@code dead-letter-queue} strategy)
 * and {@code resolve_events_dead_lettered_total} counts it.
 */
@ApplicationScoped
public class EventInbox {

    private static final String REMEMBER = """
            INSERT INTO inbox_processed_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT DO NOTHING""";

    private final EntityManager entityManager;
    private final EventsConfig.Inbox config;
    private final MeterRegistry meters;

    public EventInbox(EntityManager entityManager, EventsConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.config = config.inbox();
        this.meters = meters;
    }

    /** The outcome of handing one record to the inbox. */
    public enum Outcome { PROCESSED, DUPLICATE, IGNORED }

    /**
     * Processes one consumed record exactly once for {@code consumer}.
     *
     * @throws DeadLetterException when the record must go to the dead-letter topic
     */
    public Outcome process(String consumer, ConsumerRecord<String, ?> record, EventHandlers handlers) {
        EventEnvelope envelope;
        try {
            envelope = CloudEventCodec.fromRecord(record);
        } catch (CloudEventCodec.MalformedEventException e) {
            throw deadLetter(consumer, "malformed", "unreadable event: " + e.getMessage(), e);
        }
        EventTypeName type = new EventTypeName(envelope.type(), envelope.schemaVersion());
        Optional<EventHandlers.Binding<?>> binding = handlers.binding(type);
        Optional<Consumer<EventEnvelope>> fallback = handlers.fallback();
        if (binding.isEmpty() && fallback.isEmpty()) {
            count(consumer, type, Outcome.IGNORED);
            return Outcome.IGNORED;
        }
        if (EventSchemas.isKnown(type)) {
            List<String> violations = EventSchemas.validate(type, envelope.payload());
            if (!violations.isEmpty()) {
                throw deadLetter(consumer, "invalid", type + " payload breaks its schema: " + String.join("; ", violations), null);
            }
        } else if (binding.isPresent()) {
            throw deadLetter(consumer, "invalid", "no schema known for " + type, null);
        }
        Runnable effect = binding.<Runnable>map(b -> typedEffect(consumer, envelope, b))
                .orElseGet(() -> () -> fallback.get().accept(envelope));

        Outcome outcome = withRetries(consumer, envelope, () -> QuarkusTransaction.requiringNew().call(() -> {
            if (!remember(consumer, envelope, record)) {
                return Outcome.DUPLICATE;
            }
            effect.run();
            return Outcome.PROCESSED;
        }));
        count(consumer, type, outcome);
        if (outcome == Outcome.DUPLICATE) {
            Log.debugf("%s skipped redelivered event %s (%s)", consumer, envelope.eventId(), type);
        }
        return outcome;
    }

    private <P> Runnable typedEffect(String consumer, EventEnvelope envelope, EventHandlers.Binding<P> binding) {
        P payload;
        try {
            payload = Json.mapper().treeToValue(envelope.payload(), binding.payloadType());
        } catch (Exception e) {
            throw deadLetter(consumer, "invalid", "payload does not fit " + binding.payloadType().getSimpleName() + ": " + e.getMessage(), e);
        }
        return () -> binding.handler().handle(new ReceivedEvent<>(envelope, payload));
    }

    private Outcome withRetries(String consumer, EventEnvelope envelope, java.util.concurrent.Callable<Outcome> attempt) {
        long backoff = config.initialBackoff().toMillis();
        for (int number = 1; ; number++) {
            try {
                return attempt.call();
            } catch (Exception e) {
                if (number >= config.maxAttempts()) {
                    throw deadLetter(consumer, "handler-failed", "handler failed " + number + " times: " + rootMessage(e), e);
                }
                Log.warnf("%s failed on event %s (%s.v%d), attempt %d of %d: %s", consumer, envelope.eventId(),
                        envelope.type(), envelope.schemaVersion(), number, config.maxAttempts(), rootMessage(e));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while retrying event " + envelope.eventId(), interrupted);
                }
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private boolean remember(String consumer, EventEnvelope envelope, ConsumerRecord<String, ?> record) {
        return entityManager.createNativeQuery(REMEMBER)
                .setParameter(1, consumer)
                .setParameter(2, envelope.eventId())
                .setParameter(3, envelope.cloudEventType())
                .setParameter(4, record.topic())
                .setParameter(5, record.partition())
                .setParameter(6, record.offset())
                .executeUpdate() == 1;
    }

    private DeadLetterException deadLetter(String consumer, String reason, String message, Throwable cause) {
        meters.counter("resolve.events.dead.lettered", "consumer", consumer, "reason", reason).increment();
        Log.errorf("%s sends a record to its dead-letter topic: %s", consumer, message);
        return new DeadLetterException(message, cause);
    }

    private void count(String consumer, EventTypeName type, Outcome outcome) {
        meters.counter("resolve.events.consumed", "consumer", consumer, "type", type.toString(),
                "outcome", outcome.name().toLowerCase()).increment();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
