package dev.resolve.intake.mapping;

import dev.resolve.contracts.events.payload.ContractUpdated;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.events.payload.RequestRejected;
import dev.resolve.intake.domain.BillingContract;
import dev.resolve.intake.domain.CustomerAccount;
import dev.resolve.intake.domain.CustomerRequest;
import dev.resolve.intake.domain.BillingDispute;
import dev.resolve.intake.domain.CustomerInvoice;
import dev.resolve.intake.domain.CreditRisk;

/** What intake's events say about a request, its customer and invoice, and a rejected dispute. */
public final class RequestEvents {

    private RequestEvents() {
    }

    /**
     * {@code RequestLogged} with the snapshot other services need: the customer as it stands, and the invoice (with
     * its contract's pricing) when the request names one.
     */
    public static RequestLogged logged(CustomerRequest request, CustomerAccount customer, CustomerInvoice invoice, BillingContract contract) {
        return new RequestLogged(request.id(), request.number(), request.channel().name(), request.type().name(),
                request.customerReference(), request.subject(), request.description(),
                request.disputedAmount().orElse(null), request.invoiceNumber(), request.type().financial(),
                request.loggedAt(), request.kycHold(), request.kycHoldReason(), request.externalReference(),
                customer(customer), invoice == null ? null : invoice(invoice, contract));
    }

    /** {@code RequestRejected} for a dispute that broke a rule, for the billing system that raised it. */
    public static RequestRejected rejected(BillingDispute dispute) {
        BillingDispute.Content content = dispute.content();
        return new RequestRejected(dispute.id(), null, content.customerReference(), "BILLING_SYSTEM", "BILLING_DISPUTE",
                content.invoiceNumber(), content.amount(), dispute.breachedRule().reasonCode(), dispute.reason(), dispute.receivedAt(),
                content.sourceSystem(), content.externalDisputeId(), dispute.rule(), dispute.existingRequestId());
    }


    private static RequestLogged.CustomerSnapshot customer(CustomerAccount customer) {
        CreditRisk risk = customer.risk();
        return new RequestLogged.CustomerSnapshot(customer.reference(), customer.name(), customer.segment(),
                customer.tier().name(), customer.kyc().currentStatus().name(),
                customer.kyc().verifiedOn(), customer.kyc().expiresOn(), null, risk.dscr(), null, risk.creditLimit(),
                risk.currentExposure(), risk.averageDaysBeyondTerms(), risk.latePaymentsLast12Months());
    }

    private static RequestLogged.InvoiceSnapshot invoice(CustomerInvoice invoice, BillingContract contract) {
        ContractUpdated.Pricing pricing = null;
        BillingContract.Pricing terms = contract == null ? null : contract.pricing();
        if (terms != null && terms.priceList() != null && terms.discountPercent() != null && terms.paymentTermsDays() != null) {
            pricing = new ContractUpdated.Pricing(terms.priceList(), terms.discountPercent(), terms.paymentTermsDays());
        }
        return new RequestLogged.InvoiceSnapshot(invoice.number(), invoice.issuedOn(), invoice.dueOn(), invoice.currency(),
                invoice.total(), invoice.openAmount(), invoice.status().name(), invoice.contractId(), pricing);
    }
}
