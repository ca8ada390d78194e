package dev.resolve.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The work item opened for one logged service request. */
@Entity
@Table(name = "service_case")
public class ServiceCase {

    @Id
    public UUID id;

    /** The request this case was opened for; one case per request. */
    @Column(name = "request_id", nullable = false, unique = true)
    public UUID requestId;

    @Column(name = "request_number", nullable = false)
    public String requestNumber;

    @Column(name = "customer_reference", nullable = false)
    public String customerReference;

    @Column(nullable = false)
    public String channel;

    @Column(name = "request_type", nullable = false)
    public String type;

    @Column(nullable = false)
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseStatus status;

    /** The team whose queue the case is in. */
    @Column(nullable = false)
    public String team;

    @Column(nullable = false)
    public boolean financial;

    @Column(name = "disputed_amount", precision = 19, scale = 4)
    public BigDecimal disputedAmount;

    @Column(name = "disputed_currency")
    public String disputedCurrency;

    @Column(name = "invoice_number")
    public String invoiceNumber;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Optimistic-lock version; the API's ETag. */
    @Version
    @Column(nullable = false)
    public long version;
}
