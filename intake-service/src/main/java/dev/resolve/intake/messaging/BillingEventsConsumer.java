package dev.resolve.intake.messaging;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.payload.ContractUpdated;
import dev.resolve.contracts.events.payload.DisputeRaised;
import dev.resolve.contracts.events.payload.InvoiceContent;
import dev.resolve.contracts.events.payload.InvoiceIssued;
import dev.resolve.contracts.events.payload.InvoiceUpdated;
import dev.resolve.contracts.events.payload.PaymentReceived;
import dev.resolve.intake.domain.BillingDispute;
import dev.resolve.intake.domain.VersionedChange;
import dev.resolve.intake.mapping.BillingEvents;
import dev.resolve.intake.service.BillingReferences;
import dev.resolve.intake.service.DisputeIntake;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.inbox.DeadLetterException;
import dev.resolve.plumbing.inbox.EventHandlers;
import dev.resolve.plumbing.inbox.EventInbox;
import dev.resolve.plumbing.inbox.ReceivedEvent;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Reads what billing systems publish: invoices, payments and contracts on {@code billing.invoices}, disputes on
 * {@code billing.disputes}. Every effect is idempotent by itself (versions for invoices and contracts, the dispute's
 * identity for disputes), so no inbox row is kept. An event whose content does not hold together is dead-lettered
 * with the reason; an older version than intake holds changes nothing.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String INVOICES = "intake-service.billing-invoices";
    static final String DISPUTES = "intake-service.billing-disputes";

    private final EventInbox inbox;
    private final EventHandlers invoiceHandlers;
    private final EventHandlers disputeHandlers;

    public BillingEventsConsumer(EventInbox inbox, BillingReferences references, DisputeIntake disputes) {
        this.inbox = inbox;
        this.invoiceHandlers = EventHandlers.builder()
                // An invoice issued and an invoice updated say the same: the invoice at a version.
                .on(InvoiceIssued.class, event -> putInvoice(references, event))
                .on(InvoiceUpdated.class, event -> putInvoice(references, event))
                .on(PaymentReceived.class, event -> report(event.envelope(), refusing(event.envelope(), () -> references
                        .pay(event.payload().invoiceNumber(), BillingEvents.payment(event.payload())))))
                .on(ContractUpdated.class, event -> report(event.envelope(), refusing(event.envelope(), () -> references
                        .putContract(event.payload().contractId(), BillingEvents.contract(event.payload()),
                                event.payload().version()).change())))
                .idempotentEffects()
                .build();
        this.disputeHandlers = EventHandlers.builder()
                .on(DisputeRaised.class, event -> receive(disputes, event))
                .idempotentEffects()
                .build();
    }

    @Incoming("billing-invoices")
    @Blocking
    public CompletionStage<Void> consumeInvoices(KafkaRecordBatch<String, String> batch) {
        return inbox.process(INVOICES, batch, invoiceHandlers);
    }

    @Incoming("billing-disputes")
    @Blocking
    public CompletionStage<Void> consumeDisputes(KafkaRecordBatch<String, String> batch) {
        return inbox.process(DISPUTES, batch, disputeHandlers);
    }

    private static void putInvoice(BillingReferences references, ReceivedEvent<? extends InvoiceContent> event) {
        InvoiceContent invoice = event.payload();
        report(event.envelope(), refusing(event.envelope(), () -> references
                .putInvoice(invoice.invoiceNumber(), BillingEvents.invoice(invoice), invoice.version()).change()));
    }

    private static void receive(DisputeIntake disputes, ReceivedEvent<DisputeRaised> event) {
        BillingDispute.Content content = refusing(event.envelope(), () -> BillingEvents.dispute(event.payload()));
        if (!content.amount().isPositive()) {
            throw new DeadLetterException("dispute " + content.key() + ": amount must be greater than zero", null);
        }
        disputes.receive(content, BillingDispute.Arrival.KAFKA, EventMetadata.causedBy(event.envelope(), actor(event.envelope())));
    }

    /** Who a billing system's event is by: its actor extension when it sets one, else its source. */
    private static String actor(EventEnvelope envelope) {
        return "unknown".equals(envelope.actor()) ? envelope.producer() : envelope.actor();
    }

    /** Runs {@code effect}, dead-lettering the event when its content does not hold together. */
    private static <T> T refusing(EventEnvelope envelope, Supplier<T> effect) {
        try {
            return effect.get();
        } catch (IllegalArgumentException e) { // InvalidContentException, an unknown code, money that does not fit
            throw new DeadLetterException(envelope.type() + " " + envelope.aggregateId() + ": " + e.getMessage(), e);
        }
    }

    private static void report(EventEnvelope envelope, VersionedChange change) {
        if (change == VersionedChange.STALE) {
            Log.infof("%s %s at an older version than intake holds; nothing changed", envelope.type(), envelope.aggregateId());
        }
    }
}
