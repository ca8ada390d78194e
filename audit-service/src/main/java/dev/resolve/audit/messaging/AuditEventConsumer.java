package dev.resolve.audit.messaging;

import dev.resolve.audit.service.AuditTrail;
import dev.resolve.plumbing.inbox.EventHandlers;
import dev.resolve.plumbing.inbox.EventInbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Records every event of {@code intake.requests}, {@code cases.events} and {@code approvals.events} in the audit
 * chain, whatever its type (types added later included), through the inbox: a redelivered event appends nothing.
 *
 * <p>The three channels share one inbox consumer name, {@value #CONSUMER}, because the effect is the same for all of
 * them (one entry per event id in one chain): an event id is recorded once, whichever topic it arrives on.
 */
@ApplicationScoped
public class AuditEventConsumer {

    /** The inbox consumer name of the audit trail, shared by all channels. */
    public static final String CONSUMER = "audit-trail";

    private final EventInbox inbox;
    private final EventHandlers handlers;

    public AuditEventConsumer(EventInbox inbox, AuditTrail trail) {
        this.inbox = inbox;
        // An entry is unique per event id: the trail itself recognises a redelivered event.
        this.handlers = EventHandlers.builder().otherwiseBatch(trail::appendAll).idempotentEffects().build();
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

    @Incoming("approvals")
    @Blocking
    public CompletionStage<Void> consumeApprovals(KafkaRecordBatch<String, String> batch) {
        return inbox.process(CONSUMER, batch, handlers);
    }
}
