package dev.resolve.cases.domain;

import dev.resolve.contracts.money.Money;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The work item opened for one logged service request. */
@Entity
@Table(name = "service_case")
public class ServiceCase {

    /** Where a case stands. Triage, work and resolution statuses come with those capabilities. */
    public enum Status {
        NEW
    }

    /**
     * The logged request a case is opened for. Channel and type are the codes the request was logged with, kept as
     * received so that a code newer than this service is still shown.
     */
    public record Request(UUID id, String number, String customerReference, String channel, String type,
            String subject, boolean financial, Money disputedAmount, String invoiceNumber, Snapshot snapshot) {

        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(customerReference, "customerReference");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            snapshot = snapshot == null ? Snapshot.NONE : snapshot;
        }
    }

    /**
     * What intake knew when the request was logged and the case needs: the KYC hold, the customer's tier, what was
     * still open on the invoice. Requests logged before intake knew customers have none.
     */
    public record Snapshot(boolean kycHold, String kycHoldReason, String customerTier, Money invoiceOpenAmount) {

        public static final Snapshot NONE = new Snapshot(false, null, null, null);
    }

    @Id
    private UUID id;

    /** The request this case was opened for; one case per request. */
    @Column(name = "request_id", nullable = false, unique = true)
    private UUID requestId;

    @Column(name = "request_number", nullable = false)
    private String requestNumber;

    @Column(name = "customer_reference", nullable = false)
    private String customerReference;

    @Column(nullable = false)
    private String channel;

    @Column(name = "request_type", nullable = false)
    private String type;

    @Column(nullable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    /** The team whose queue the case is in. */
    @Column(nullable = false)
    private String team;

    @Column(nullable = false)
    private boolean financial;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "disputed_amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "disputed_currency"))
    private Money disputedAmount;

    @Column(name = "invoice_number")
    private String invoiceNumber;

    @Column(name = "kyc_hold", nullable = false)
    private boolean kycHold;

    @Column(name = "kyc_hold_reason")
    private String kycHoldReason;

    @Column(name = "customer_tier")
    private String customerTier;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "invoice_open_amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "invoice_open_amount_currency"))
    private Money invoiceOpenAmount;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Optimistic-lock version; the API's ETag. */
    @Version
    @Column(nullable = false)
    private long version;

    protected ServiceCase() {
        // For JPA.
    }

    /** A NEW case for {@code request}, in {@code team}'s queue, opened now. */
    public static ServiceCase open(Request request, String team) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ServiceCase opened = new ServiceCase();
        opened.id = UUID.randomUUID();
        opened.requestId = request.id();
        opened.requestNumber = request.number();
        opened.customerReference = request.customerReference();
        opened.channel = request.channel();
        opened.type = request.type();
        opened.subject = request.subject();
        opened.status = Status.NEW;
        opened.team = Objects.requireNonNull(team, "team");
        opened.financial = request.financial();
        opened.disputedAmount = request.disputedAmount();
        opened.invoiceNumber = request.invoiceNumber();
        opened.kycHold = request.snapshot().kycHold();
        opened.kycHoldReason = request.snapshot().kycHoldReason();
        opened.customerTier = request.snapshot().customerTier();
        opened.invoiceOpenAmount = request.snapshot().invoiceOpenAmount();
        opened.openedAt = now;
        opened.updatedAt = now;
        return opened;
    }

    public UUID id() {
        return id;
    }

    public UUID requestId() {
        return requestId;
    }

    public String requestNumber() {
        return requestNumber;
    }

    public String customerReference() {
        return customerReference;
    }

    public String channel() {
        return channel;
    }

    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public Status status() {
        return status;
    }

    public String team() {
        return team;
    }

    public boolean financial() {
        return financial;
    }

    /** The disputed amount with exactly its currency's decimals, when the request names one. */
    public Optional<Money> disputedAmount() {
        return Optional.ofNullable(disputedAmount);
    }

    public String invoiceNumber() {
        return invoiceNumber;
    }

    /** What intake knew when the request was logged. */
    public Snapshot snapshot() {
        return new Snapshot(kycHold, kycHoldReason, customerTier, invoiceOpenAmount);
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
