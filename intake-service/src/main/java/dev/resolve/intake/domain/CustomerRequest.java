package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary.Channel;
import dev.resolve.contracts.vocabulary.Vocabulary.RequestType;
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
import java.util.Optional;
import java.util.UUID;

/** A customer's service request as logged at intake. Once logged it does not change here; case-service owns the rest. */
@Entity
@Table(name = "service_request")
public class CustomerRequest {

    /** Where a request stands at intake. */
    public enum Status {
        LOGGED
    }

    @Id
    private UUID id;

    /** Human-readable number, {@code SR-000042}. */
    @Column(nullable = false, unique = true)
    private String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Channel channel;

    @Column(name = "customer_reference", nullable = false)
    private String customerReference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestType type;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String description;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "disputed_amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "disputed_currency"))
    private Money disputedAmount;

    @Column(name = "invoice_number")
    private String invoiceNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "logged_at", nullable = false)
    private Instant loggedAt;

    @Column(name = "logged_by", nullable = false)
    private String loggedBy;

    @Column(name = "correlation_id", nullable = false)
    private String correlationId;

    /** Held for KYC review: a request that moves money for a customer whose KYC is not verified. */
    @Column(name = "kyc_hold", nullable = false)
    private boolean kycHold;

    @Column(name = "kyc_hold_reason")
    private String kycHoldReason;

    /** {@code <sourceSystem>:<externalDisputeId>} for a dispute a billing system posted. */
    @Column(name = "external_reference")
    private String externalReference;

    protected CustomerRequest() {
        // For JPA.
    }

    /** What a request says, as the customer or agent gave it. */
    public record Content(Channel channel, String customerReference, RequestType type, String subject,
            String description, Money disputedAmount, String invoiceNumber) {

        public Content {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(customerReference, "customerReference");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(description, "description");
        }

        /**
         * Whether the request asks for money to move, so that KYC must clear it: a financial type, or a billing
         * dispute naming an amount.
         */
        public boolean movesMoney() {
            return type.financial() || (type == RequestType.BILLING_DISPUTE && disputedAmount != null);
        }
    }

    /**
     * A request logged now under {@code number} by {@code actor}, in the call or event chain {@code correlationId}.
     *
     * @param kycHoldReason why the request is held for KYC review, or null when it is not held
     * @param externalReference the billing system's dispute it was made from, or null
     */
    public static CustomerRequest log(String number, Content content, String kycHoldReason, String externalReference,
            String actor, String correlationId) {
        CustomerRequest request = new CustomerRequest();
        request.id = UUID.randomUUID();
        request.number = Objects.requireNonNull(number, "number");
        request.channel = content.channel();
        request.customerReference = content.customerReference();
        request.type = content.type();
        request.subject = content.subject();
        request.description = content.description();
        request.disputedAmount = content.disputedAmount();
        request.invoiceNumber = content.invoiceNumber();
        request.status = Status.LOGGED;
        request.loggedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        request.loggedBy = Objects.requireNonNull(actor, "actor");
        request.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        request.kycHold = kycHoldReason != null;
        request.kycHoldReason = kycHoldReason;
        request.externalReference = externalReference;
        return request;
    }

    /** Whether a caller acting for {@code customer} may see this request. */
    public boolean belongsTo(String customer) {
        return customerReference.equals(customer);
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public Channel channel() {
        return channel;
    }

    public String customerReference() {
        return customerReference;
    }

    public RequestType type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    /** The disputed amount with exactly its currency's decimals, when the request names one. */
    public Optional<Money> disputedAmount() {
        return Optional.ofNullable(disputedAmount);
    }

    public String invoiceNumber() {
        return invoiceNumber;
    }

    public Status status() {
        return status;
    }

    public Instant loggedAt() {
        return loggedAt;
    }

    public String loggedBy() {
        return loggedBy;
    }

    public boolean kycHold() {
        return kycHold;
    }

    /** Why the request is held for KYC review, or null. */
    public String kycHoldReason() {
        return kycHoldReason;
    }

    public String externalReference() {
        return externalReference;
    }

}
