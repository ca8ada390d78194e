package dev.resolve.metrics.messaging;

import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.metrics.service.KpiProjection;
import dev.resolve.plumbing.inbox.EventHandlers;
import dev.resolve.plumbing.inbox.EventInbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Feeds the KPI projection from {@code intake.requests} (RequestLogged) and {@code cases.events} (CaseOpened).
 * Other event types on those topics are skipped.
 */
@ApplicationScoped
public class KpiEventsConsumer {

    /** The inbox consumer name under which processed event ids are recorded. */
    static final String CONSUMER = "kpi-projection";

    private final EventInbox inbox;
    private final EventHandlers handlers;

    public KpiEventsConsumer(EventInbox inbox, KpiProjection projection) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .onBatch(RequestLogged.class, projection::requestsLogged)
                .onBatch(CaseOpened.class, projection::casesOpened)
                .build();
    }

    @Incoming("requests")
    @Blocking
    public CompletionStage<Void> consumeRequests(KafkaRecordBatch<String, String> batch) {
        return inbox.process(CONSUMER, batch, handlers);
    }

    @Incoming("cases")
    @Blocking
    public CompletionStage<Void> consumeCases(KafkaRecordBatch<String, String> batch) {
        return inbox.process(CONSUMER, batch, handlers);
    }
}
