package dev.resolve.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A customer's service request was logged at intake, with the snapshot of customer, KYC and invoice data the rest of
 * the suite needs so that no consumer calls intake back.
 *
 * @param financial whether the request asks for money to move (refund, credit, write-off, invoice correction)
 * @param kycHold whether the request is held for KYC review: a financial request, or a billing dispute with an
 *        amount, for a customer whose KYC is not verified
 * @param kycHoldReason why it is held, such as "KYC expired on 2026-09-30"; null when not held
 * @param externalReference {@code <sourceSystem>:<externalDisputeId>} for a dispute a billing system posted, else null
 * @param customer the customer master record as it stood when the request was logged; null in events of releases
 *        before the customer master
 * @param invoice the invoice the request is about as it stood then, null when it names none
 */
@EventType(name = "RequestLogged", version = 1, aggregate = Aggregate.SERVICE_REQUEST)
public record RequestLogged(
        UUID requestId,
        String requestNumber,
        String channel,
        String type,
        String customerReference,
        String subject,
        String description,
        Money disputedAmount,
        String invoiceNumber,
        boolean financial,
        Instant loggedAt,
        boolean kycHold,
        String kycHoldReason,
        String externalReference,
        CustomerSnapshot customer,
        InvoiceSnapshot invoice) {

    @JsonCreator
    public RequestLogged {
    }

    /** A request without KYC hold, external reference or snapshot, as logged before the customer master existed. */
    public RequestLogged(UUID requestId, String requestNumber, String channel, String type, String customerReference,
            String subject, String description, Money disputedAmount, String invoiceNumber, boolean financial,
            Instant loggedAt) {
        this(requestId, requestNumber, channel, type, customerReference, subject, description, disputedAmount,
                invoiceNumber, financial, loggedAt, false, null, null, null, null);
    }

    /**
     * The customer as intake knew it when the request was logged.
     *
     * @param segment the customer's segment code, such as {@code MID_MARKET}
     * @param tier a CustomerTier code
     * @param kycStatus the effective KycStatus code: a status whose expiry has passed reads {@code EXPIRED}
     * @param riskRating LOW, MEDIUM or HIGH where intake rates the customer; null otherwise
     * @param dscr debt service coverage ratio
     * @param paymentBehaviour ON_TIME, OCCASIONALLY_LATE or CHRONICALLY_LATE where intake classifies it; null otherwise
     * @param averageDaysBeyondTerms how many days late the customer pays on average
     * @param latePaymentsLast12Months how many invoices the customer paid late in the last 12 months
     */
    public record CustomerSnapshot(
            String reference,
            String name,
            String segment,
            String tier,
            String kycStatus,
            LocalDate kycVerifiedOn,
            LocalDate kycExpiresOn,
            String riskRating,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal dscr,
            String paymentBehaviour,
            Money creditLimit,
            Money currentExposure,
            Integer averageDaysBeyondTerms,
            Integer latePaymentsLast12Months) {
    }

    /**
     * The invoice as intake knew it when the request was logged.
     *
     * @param status an InvoiceStatus code
     * @param contractReference the id of the contract the invoice bills under
     * @param pricing that contract's pricing terms, when intake knows the contract
     */
    public record InvoiceSnapshot(
            String number,
            LocalDate issuedOn,
            LocalDate dueOn,
            String currency,
            Money totalAmount,
            Money openAmount,
            String status,
            String contractReference,
            ContractUpdated.Pricing pricing) {
    }
}
