package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.json.Json;
import dev.resolve.plumbing.DatabaseProbe;
import dev.resolve.plumbing.EventsConfig;
import dev.resolve.plumbing.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The consuming side of the event plumbing. It takes the batch a Kafka consumer polled, reads each record's
 * CloudEvent, checks the payload against its schema, and applies the batch in one transaction: the ids of all its
 * events are recorded in {@code inbox_processed_event} with one statement, the handlers run for the events not seen
 * before, in arrival order, and one commit makes it all durable. A redelivered event finds its id there and changes
 * nothing.
 *
 * <p>Faults are told apart. An outage (the database unreachable or restarting, a lock or serialization conflict) is
 * waited out with a growing pause for as long as it lasts, with the batch unacknowledged, so the consumer's
 * partitions pause and nothing is dead-lettered; {@link ConsumerStates} shows the consumer as degraded meanwhile.
 * When a batch fails for any other reason the failing event is isolated (at once when the failure names it,
 * otherwise by halving the batch) so the others still apply; that event is retried alone and goes to the dead-letter
 * topic after {@code resolve.events.inbox.max-attempts}. Records that cannot be read, payloads that break their
 * schema, and events a handler refuses with {@link DeadLetterException} go there at once. Dead letters are written
 * through the Kafka connector's {@code dead-letter-queue} strategy (topic {@code <service>.dlq}, reason in the
 * {@code dead-letter-reason} header) and counted in {@code resolve_events_dead_lettered_total}.
 */
@ApplicationScoped
public class EventInbox {

    private static final String REMEMBER = """
            INSERT INTO inbox_processed_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
            SELECT ?, e.id, e.type, e.topic, e.part, e.off
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::bigint[]) AS e(id, type, topic, part, off)
            ON CONFLICT DO NOTHING
            RETURNING event_id""";

    private final EntityManager entityManager;
    private final EventsConfig.Inbox config;
    private final MeterRegistry meters;
    private final DatabaseProbe database;
    private final ConsumerStates states;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public EventInbox(EntityManager entityManager, EventsConfig config, MeterRegistry meters, DatabaseProbe database,
            ConsumerStates states) {
        this.entityManager = entityManager;
        this.config = config.inbox();
        this.meters = meters;
        this.database = database;
        this.states = states;
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** The outcome of one event handed to the inbox. */
    public enum Outcome { PROCESSED, DUPLICATE, IGNORED, DEAD_LETTERED }

    /**
     * A consumed record and how to send it to the dead-letter topic.
     *
     * @param deadLetter sends the record to the dead-letter topic with the exception's message as the reason
     */
    public record Delivery(ConsumerRecord<String, ?> record, Function<DeadLetterException, CompletionStage<Void>> deadLetter) {
    }

    /**
     * Applies a polled batch exactly once for {@code consumer} and acknowledges it. The returned stage completes when
     * the batch is acknowledged; it never completes when the application stops before the batch could be applied,
     * so its offsets are not committed and the records come again after a restart.
     */
    public CompletionStage<Void> process(String consumer, KafkaRecordBatch<String, String> batch, EventHandlers handlers) {
        List<Delivery> deliveries = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            ConsumerRecord<String, String> consumed = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                    .orElseThrow(() -> new IllegalStateException("a Kafka record without its consumer record"));
            deliveries.add(new Delivery(consumed, reason -> record.nack(reason)));
        }
        if (!apply(consumer, deliveries, handlers)) {
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    /**
     * Applies {@code deliveries} exactly once for {@code consumer}: every record is applied, recognised as a
     * redelivery, skipped (no handler) or dead-lettered when this returns true; false when the application is
     * stopping and some records were left for a redelivery.
     */
    public boolean apply(String consumer, List<Delivery> deliveries, EventHandlers handlers) {
        List<Item> items = new ArrayList<>(deliveries.size());
        Set<UUID> seen = new HashSet<>();
        for (Delivery delivery : deliveries) {
            Optional<Item> item = decode(consumer, delivery, handlers);
            if (item.isEmpty()) {
                continue;
            }
            if (!seen.add(item.get().envelope.eventId())) {
                count(consumer, item.get().type, Outcome.DUPLICATE);
                continue;
            }
            items.add(item.get());
        }
        Deque<List<Item>> work = new ArrayDeque<>();
        if (!items.isEmpty()) {
            work.push(items);
        }
        while (!work.isEmpty()) {
            List<Item> chunk = work.pop();
            Failure failure = applyWaitingOutOutages(consumer, chunk, handlers);
            if (failure == Failure.STOPPED) {
                return false;
            }
            if (failure == null) {
                continue;
            }
            if (chunk.size() == 1) {
                if (!retryAlone(consumer, chunk.get(0), failure, handlers)) {
                    return false;
                }
                continue;
            }
            int index = failure.item == null ? -1 : chunk.indexOf(failure.item);
            if (index >= 0) {
                // The failure names its event: the ones before it apply together, it is retried alone, then the rest.
                pushIfAny(work, chunk.subList(index + 1, chunk.size()));
                work.push(List.of(chunk.get(index)));
                pushIfAny(work, chunk.subList(0, index));
            } else {
                work.push(chunk.subList(chunk.size() / 2, chunk.size()));
                work.push(chunk.subList(0, chunk.size() / 2));
            }
        }
        return true;
    }

    private static void pushIfAny(Deque<List<Item>> work, List<Item> items) {
        if (!items.isEmpty()) {
            work.push(items);
        }
    }

    private Optional<Item> decode(String consumer, Delivery delivery, EventHandlers handlers) {
        ConsumerRecord<String, ?> record = delivery.record();
        EventEnvelope envelope;
        try {
            envelope = CloudEventCodec.fromRecord(record);
        } catch (CloudEventCodec.MalformedEventException e) {
            deadLetter(consumer, delivery, null, "malformed", "unreadable event: " + e.getMessage(), e);
            return Optional.empty();
        }
        EventTypeName type = new EventTypeName(envelope.type(), envelope.schemaVersion());
        Optional<EventHandlers.Binding<?>> binding = handlers.binding(type);
        Optional<EventHandlers.Fallback> fallback = handlers.fallback();
        if (binding.isEmpty() && fallback.isEmpty()) {
            count(consumer, type, Outcome.IGNORED);
            return Optional.empty();
        }
        if (EventSchemas.isKnown(type)) {
            List<String> violations = EventSchemas.validate(type, envelope.payload());
            if (!violations.isEmpty()) {
                deadLetter(consumer, delivery, type, "invalid", type + " payload breaks its schema: " + String.join("; ", violations), null);
                return Optional.empty();
            }
        } else if (binding.isPresent()) {
            deadLetter(consumer, delivery, type, "invalid", "no schema known for " + type, null);
            return Optional.empty();
        }
        Object payload = null;
        if (binding.isPresent()) {
            try {
                payload = Json.mapper().treeToValue(envelope.payload(), binding.get().payloadType());
            } catch (Exception e) {
                deadLetter(consumer, delivery, type, "invalid",
                        "payload does not fit " + binding.get().payloadType().getSimpleName() + ": " + e.getMessage(), e);
                return Optional.empty();
            }
        }
        return Optional.of(new Item(delivery, envelope, type, binding.orElse(null), binding.isPresent() ? null : fallback.get(), payload));
    }

    /**
     * Applies {@code chunk} in one transaction, retrying through outages for as long as they last.
     *
     * @return null when applied; {@link Failure#STOPPED} when the application is stopping; otherwise the failure
     */
    private Failure applyWaitingOutOutages(String consumer, List<Item> chunk, EventHandlers handlers) {
        long backoff = config.initialBackoff().toMillis();
        while (true) {
            if (!running) {
                return Failure.STOPPED;
            }
            try {
                Set<UUID> fresh = QuarkusTransaction.requiringNew().call(() -> applyInTransaction(consumer, chunk, handlers));
                states.healthy(consumer);
                for (Item item : chunk) {
                    count(consumer, item.type, fresh.contains(item.envelope.eventId()) ? Outcome.PROCESSED : Outcome.DUPLICATE);
                }
                return null;
            } catch (Exception e) {
                ItemFailure pinned = find(e, ItemFailure.class);
                Throwable cause = pinned != null ? pinned.getCause() : e;
                if (find(cause, DeadLetterException.class) == null && (Faults.isTransient(cause) || !database.isReachable())) {
                    states.retrying(consumer, Faults.rootMessage(cause));
                    Log.warnf("%s waits out an outage, retrying %d event(s) in %d ms: %s", consumer, chunk.size(), backoff,
                            Faults.rootMessage(cause));
                    if (!pause(backoff)) {
                        return Failure.STOPPED;
                    }
                    backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
                    continue;
                }
                return new Failure(pinned == null ? null : pinned.item, cause);
            }
        }
    }

    private Set<UUID> applyInTransaction(String consumer, List<Item> chunk, EventHandlers handlers) {
        Set<UUID> fresh = handlers.idempotentEffects() ? ids(chunk) : remember(consumer, chunk);
        List<Item> run = new ArrayList<>();
        for (Item item : chunk) {
            if (!fresh.contains(item.envelope.eventId())) {
                continue;
            }
            if (!run.isEmpty() && run.get(0).binding != item.binding) {
                handle(run);
                run = new ArrayList<>();
            }
            run.add(item);
        }
        if (!run.isEmpty()) {
            handle(run);
        }
        return fresh;
    }

    /** Runs the handler of a run of consecutive items that share it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(List<Item> run) {
        Item first = run.get(0);
        try {
            if (first.binding != null) {
                List<ReceivedEvent<?>> events = new ArrayList<>(run.size());
                run.forEach(item -> events.add(new ReceivedEvent<>(item.envelope, item.payload)));
                ((EventHandlers.BatchHandler) first.binding.handler()).handle(events);
            } else {
                first.fallback.handler().accept(run.stream().map(Item::envelope).toList());
            }
        } catch (EventHandlers.EventFailure e) {
            throw new ItemFailure(run.get(e.index), (Exception) e.getCause());
        } catch (RuntimeException e) {
            if (run.size() == 1) {
                throw new ItemFailure(first, e);
            }
            throw e;
        }
    }

    private static Set<UUID> ids(List<Item> chunk) {
        Set<UUID> ids = new HashSet<>();
        chunk.forEach(item -> ids.add(item.envelope.eventId()));
        return ids;
    }

    private Set<UUID> remember(String consumer, List<Item> chunk) {
        int size = chunk.size();
        Object[] ids = new Object[size];
        Object[] types = new Object[size];
        Object[] topics = new Object[size];
        Object[] partitions = new Object[size];
        Object[] offsets = new Object[size];
        for (int i = 0; i < size; i++) {
            Item item = chunk.get(i);
            ids[i] = item.envelope.eventId();
            types[i] = item.envelope.cloudEventType();
            topics[i] = item.delivery.record().topic();
            partitions[i] = item.delivery.record().partition();
            offsets[i] = item.delivery.record().offset();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> inserted = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(REMEMBER)) {
                statement.setString(1, consumer);
                statement.setArray(2, connection.createArrayOf("uuid", ids));
                statement.setArray(3, connection.createArrayOf("text", types));
                statement.setArray(4, connection.createArrayOf("text", topics));
                statement.setArray(5, connection.createArrayOf("int4", partitions));
                statement.setArray(6, connection.createArrayOf("int8", offsets));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            return inserted;
        });
    }

    /** Retries an event that failed on its own; dead-letters it when the attempts are used up or it was refused. */
    private boolean retryAlone(String consumer, Item item, Failure first, EventHandlers handlers) {
        Failure failure = first;
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            DeadLetterException refused = find(failure.cause, DeadLetterException.class);
            if (refused != null) {
                return deadLetter(consumer, item.delivery, item.type, "rejected", refused.getMessage(), refused);
            }
            if (attempt >= config.maxAttempts()) {
                return deadLetter(consumer, item.delivery, item.type, "handler-failed",
                        "handler failed " + attempt + " times: " + Faults.rootMessage(failure.cause), failure.cause);
            }
            Log.warnf("%s failed on event %s (%s), attempt %d of %d: %s", consumer, item.envelope.eventId(), item.type,
                    attempt, config.maxAttempts(), Faults.rootMessage(failure.cause));
            if (!pause(backoff)) {
                return false;
            }
            backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            failure = applyWaitingOutOutages(consumer, List.of(item), handlers);
            if (failure == null) {
                return true;
            }
            if (failure == Failure.STOPPED) {
                return false;
            }
        }
    }

    /** Sends one record to the dead-letter topic, waiting out a broker outage; false when stopping meanwhile. */
    private boolean deadLetter(String consumer, Delivery delivery, EventTypeName type, String reason, String message,
            Throwable cause) {
        Log.errorf("%s sends a record (%s-%d@%d) to its dead-letter topic: %s", consumer, delivery.record().topic(),
                delivery.record().partition(), delivery.record().offset(), message);
        long backoff = config.initialBackoff().toMillis();
        while (running) {
            try {
                delivery.deadLetter().apply(new DeadLetterException(message, cause)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                meters.counter("resolve.events.dead.lettered", "consumer", consumer, "reason", reason).increment();
                if (type != null) {
                    count(consumer, type, Outcome.DEAD_LETTERED);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                states.retrying(consumer, "dead-letter topic unreachable: " + Faults.rootMessage(e));
                Log.warnf("%s could not write to its dead-letter topic, retrying in %d ms: %s", consumer, backoff, Faults.rootMessage(e));
                if (!pause(backoff)) {
                    return false;
                }
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
        return false;
    }

    private boolean pause(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (running && System.currentTimeMillis() < deadline) {
                Thread.sleep(Math.min(100, Math.max(1, deadline - System.currentTimeMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return running;
    }

    private void count(String consumer, EventTypeName type, Outcome outcome) {
        String typeName = type == null ? "unknown" : type.toString();
        counters.computeIfAbsent(consumer + '\u0000' + typeName + '\u0000' + outcome, key -> meters.counter("resolve.events.consumed",
                "consumer", consumer, "type", typeName, "outcome", outcome.name().toLowerCase().replace('_', '-'))).increment();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    /** A decoded event on its way to its handler. */
    private record Item(Delivery delivery, EventEnvelope envelope, EventTypeName type, EventHandlers.Binding<?> binding,
            EventHandlers.Fallback fallback, Object payload) {
    }

    /** Why a chunk did not apply, and the event that failed when it is known. */
    private record Failure(Item item, Throwable cause) {
        static final Failure STOPPED = new Failure(null, null);
    }

    /** A handler failure pinned on one item. */
    private static final class ItemFailure extends RuntimeException {
        final transient Item item;

        ItemFailure(Item item, Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.item = item;
        }
    }
}
