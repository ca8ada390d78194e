package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.payload.RequestLogged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** A consumer as a service would write one: its effect is a row in {@code handled_event}. */
@ApplicationScoped
public class TestConsumer {

    static final String ALWAYS_FAILS = "always fails";
    static final String REFUSED = "refused by a rule";
    static final String FAILS_UNTIL_FIXED = "fails until fixed";
    /** Whether the defect behind {@link #FAILS_UNTIL_FIXED} has been fixed. */
    static final java.util.concurrent.atomic.AtomicBoolean FIXED = new java.util.concurrent.atomic.AtomicBoolean();

    private final EventInbox inbox;
    private final EntityManager entityManager;
    private final EventHandlers handlers;

    public TestConsumer(EventInbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
        this.handlers = EventHandlers.builder().on(RequestLogged.class, this::handle).build();
    }

    @Incoming("test-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.process("test-events", batch, handlers);
    }

    private void handle(ReceivedEvent<RequestLogged> event) {
        if (ALWAYS_FAILS.equals(event.payload().subject())) {
            throw new IllegalStateException("the handler cannot cope");
        }
        if (FAILS_UNTIL_FIXED.equals(event.payload().subject()) && !FIXED.get()) {
            throw new IllegalStateException("a defect, fixed in the next release");
        }
        if (REFUSED.equals(event.payload().subject())) {
            throw new DeadLetterException("the request breaks a rule", null);
        }
        entityManager.createNativeQuery("INSERT INTO handled_event (event_id, subject, aggregate_id, thread) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, event.envelope().eventId())
                .setParameter(2, event.payload().subject())
                .setParameter(3, event.envelope().aggregateId())
                .setParameter(4, Thread.currentThread().getName())
                .executeUpdate();
    }
}
