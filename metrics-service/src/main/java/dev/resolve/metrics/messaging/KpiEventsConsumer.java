package dev.resolve.metrics.messaging;

import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.metrics.service.KpiProjection;
import dev.resolve.plumbing.inbox.EventHandlers;
import dev.resolve.plumbing.inbox.EventInbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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
                .on(RequestLogged.class, projection::requestLogged)
                .on(CaseOpened.class, projection::caseOpened)
                .build();
    }

    @Incoming("requests")
    @Blocking
    public void consumeRequests(ConsumerRecord<String, String> record) {
        apply(record);
    }

    @Incoming("cases")
    @Blocking
    public void consumeCases(ConsumerRecord<String, String> record) {
        apply(record);
    }

    private void apply(ConsumerRecord<String, String> record) {
        inbox.process(CONSUMER, record, handlers);
    }
}
