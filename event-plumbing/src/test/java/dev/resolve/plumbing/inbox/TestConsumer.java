package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.payload.RequestLogged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer as a service would write one: its effect is a row in {@code handled_event}. */
@ApplicationScoped
public class TestConsumer {

    static final String ALWAYS_FAILS = "always fails";

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
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process("test-events", record, handlers);
    }

    private void handle(ReceivedEvent<RequestLogged> event) {
        if (ALWAYS_FAILS.equals(event.payload().subject())) {
            throw new IllegalStateException("the handler cannot cope");
        }
        entityManager.createNativeQuery("INSERT INTO handled_event (event_id, subject) VALUES (?1, ?2)")
                .setParameter(1, event.envelope().eventId())
                .setParameter(2, event.payload().subject())
                .executeUpdate();
    }
}
