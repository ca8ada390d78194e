package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** A dispute a billing system posted, on either path, and intake's verdict on it; written once. */
@Entity
@Table(name = "billing_dispute")
public class BillingDispute {

    /** The path a dispute came by first. */
    public enum Arrival {
        REST, KAFKA
    }

    /** Intake's verdict. */
    public enum Outcome {
        ACCEPTED, REJECTED
    }

    /** What a billing system says about a dispute. */
    public record Content(String sourceSystem, String externalDisputeId, String customerReference, String invoiceNumber,
            Money amount, String reasonCode, String description, Instant raisedAt) {

        public Content {
            Objects.requireNonNull(sourceSystem, "sourceSystem");
            Objects.requireNonNull(externalDisputeId, "externalDisputeId");
            Objects.requireNonNull(customerReference, "customerReference");
            Objects.requireNonNull(invoiceNumber, "invoiceNumber");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(raisedAt, "raisedAt");
        }

        /** {@code <sourceSystem>:<externalDisputeId>}: the record key on Kafka and the request's external reference. */
        public String key() {
            return sourceSystem + ":" + externalDisputeId;
        }
    }

    @Id
    private UUID id;

    @Column(name = "source_system", nullable = false)
    private String sourceSystem;

    @Column(name = "external_dispute_id", nullable = false)
    private String externalDisputeId;

    @Column(name = "customer_reference", nullable = false)
    private String customerReference;

    @Column(name = "invoice_number", nullable = false)
    private String invoiceNumber;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "amount_currency"))
    private Money amount;

    @Column(name = "reason_code", nullable = false)
    private String reasonCode;

    @Column(nullable = false)
    private String description;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "arrived_via", nullable = false)
    private Arrival arrivedVia;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Outcome outcome;

    @Column(name = "request_id")
    private UUID requestId;

    @Column(name = "request_number")
    private String requestNumber;

    @Column
    private String rule;

    @Column
    private String reason;

    @Column(name = "existing_request_id")
    private UUID existingRequestId;

    protected BillingDispute() {
        // For JPA.
    }

    private static BillingDispute received(Content content, Arrival arrival) {
        BillingDispute dispute = new BillingDispute();
        dispute.id = UUID.randomUUID();
        dispute.sourceSystem = content.sourceSystem();
        dispute.externalDisputeId = content.externalDisputeId();
        dispute.customerReference = content.customerReference();
        dispute.invoiceNumber = content.invoiceNumber();
        dispute.amount = content.amount();
        dispute.reasonCode = content.reasonCode();
        dispute.description = content.description();
        dispute.raisedAt = content.raisedAt().truncatedTo(ChronoUnit.MICROS);
        dispute.arrivedVia = Objects.requireNonNull(arrival, "arrival");
        dispute.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return dispute;
    }

    /** A dispute that became {@code request}. */
    public static BillingDispute accepted(Content content, Arrival arrival, CustomerRequest request) {
        BillingDispute dispute = received(content, arrival);
        dispute.outcome = Outcome.ACCEPTED;
        dispute.requestId = request.id();
        dispute.requestNumber = request.number();
        return dispute;
    }

    /** A dispute refused for {@code breach}. */
    public static BillingDispute rejected(Content content, Arrival arrival, RuleBreach breach) {
        BillingDispute dispute = received(content, arrival);
        dispute.outcome = Outcome.REJECTED;
        dispute.rule = breach.rule().type().toString();
        dispute.reason = breach.reason();
        dispute.existingRequestId = breach.existingRequestId();
        return dispute;
    }

    public UUID id() {
        return id;
    }

    public Content content() {
        return new Content(sourceSystem, externalDisputeId, customerReference, invoiceNumber, amount, reasonCode,
                description, raisedAt);
    }

    public Arrival arrivedVia() {
        return arrivedVia;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Outcome outcome() {
        return outcome;
    }

    public UUID requestId() {
        return requestId;
    }

    public String requestNumber() {
        return requestNumber;
    }

    /** The broken rule's problem type, when rejected. */
    public String rule() {
        return rule;
    }

    /** The rule a rejected dispute broke, or null for an accepted one. */
    public RequestRule breachedRule() {
        if (rule == null) {
            return null;
        }
        for (RequestRule candidate : RequestRule.values()) {
            if (candidate.type().toString().equals(rule)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Dispute " + id + " names an unknown rule " + rule);
    }

    public String reason() {
        return reason;
    }

    public UUID existingRequestId() {
        return existingRequestId;
    }
}
