package dev.resolve.intake.mapping;

import dev.resolve.contracts.events.payload.ContractUpdated;
import dev.resolve.contracts.events.payload.DisputeRaised;
import dev.resolve.contracts.events.payload.InvoiceContent;
import dev.resolve.contracts.events.payload.PaymentReceived;
import dev.resolve.contracts.vocabulary.Vocabulary.InvoiceStatus;
import dev.resolve.intake.domain.BillingContract;
import dev.resolve.intake.domain.BillingDispute;
import dev.resolve.intake.domain.CustomerInvoice;
import dev.resolve.intake.domain.InvoiceItem;

/**
 * Between the events billing systems publish ({@code billing.invoices}, {@code billing.disputes}) and the domain.
 * The payloads have passed their schemas; what still does not hold together throws
 * {@code InvalidContentException}.
 */
public final class BillingEvents {

    private BillingEvents() {
    }

    public static CustomerInvoice.Content invoice(InvoiceContent event) {
        return new CustomerInvoice.Content(event.customerReference(), event.issuedOn(), event.dueOn(), event.currency(),
                event.total(), event.openAmount(), InvoiceStatus.valueOf(event.status()), event.contractId(),
                event.lines().stream().map(line -> new InvoiceItem(line.description(), line.quantity(), line.unitPrice(),
                        line.amount())).toList());
    }

    public static CustomerInvoice.Payment payment(PaymentReceived event) {
        return new CustomerInvoice.Payment(event.openAmount(), InvoiceStatus.valueOf(event.status()), event.version());
    }

    public static BillingContract.Content contract(ContractUpdated event) {
        ContractUpdated.Pricing terms = event.pricing();
        return new BillingContract.Content(event.customerReference(), terms == null ? null
                : new BillingContract.Pricing(terms.priceList(), terms.discountPercent(), terms.paymentTermsDays()),
                event.validFrom(), event.validTo());
    }

    public static BillingDispute.Content dispute(DisputeRaised event) {
        return new BillingDispute.Content(event.sourceSystem(), event.externalDisputeId(), event.customerReference(),
                event.invoiceNumber(), event.amount(), event.reasonCode(), event.description(), event.raisedAt());
    }
}
