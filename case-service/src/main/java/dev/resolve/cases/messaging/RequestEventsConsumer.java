package dev.resolve.cases.messaging;

import dev.resolve.cases.service.CaseOpening;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.plumbing.inbox.EventHandlers;
import dev.resolve.plumbing.inbox.EventInbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads intake-service's request events (topic {@code intake.requests}); RequestLogged opens a case. */
@ApplicationScoped
public class RequestEventsConsumer {

    static final String CONSUMER = "case-service.requests";

    private final EventInbox inbox;
    private final EventHandlers handlers;

    public RequestEventsConsumer(EventInbox inbox, CaseOpening opening) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder().on(RequestLogged.class, opening::open).build();
    }

    @Incoming("requests")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(CONSUMER, record, handlers);
    }
}
