package dev.resolve.cases.messaging;

import dev.resolve.cases.service.CaseOpening;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.plumbing.inbox.EventHandlers;
import dev.resolve.plumbing.inbox.EventInbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/** Reads intake-service's request events (topic {@code intake.requests}); RequestLogged opens a case. */
@ApplicationScoped
public class RequestEventsConsumer {

    static final String CONSUMER = "case-service.requests";

    private final EventInbox inbox;
    private final EventHandlers handlers;

    public RequestEventsConsumer(EventInbox inbox, CaseOpening opening) {
        this.inbox = inbox;
        // One case per request id: opening recognises a request it has seen, whatever the event id.
        this.handlers = EventHandlers.builder().onBatch(RequestLogged.class, opening::openAll).idempotentEffects().build();
    }

    @Incoming("requests")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.process(CONSUMER, batch, handlers);
    }
}
