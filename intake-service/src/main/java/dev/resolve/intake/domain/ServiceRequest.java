package dev.resolve.intake.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/** A customer's service request as logged at intake. */
@Entity
@Table(name = "service_request")
public class ServiceRequest {

    @Id
    public UUID id;

    /** Human-readable number, {@code SR-000042}. */
    @Column(nullable = false, unique = true)
    public String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "customer_reference", nullable = false)
    public String customerReference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestType type;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String description;

    @Column(name = "disputed_amount", precision = 19, scale = 4)
    public BigDecimal disputedAmount;

    @Column(name = "disputed_currency")
    public String disputedCurrency;

    @Column(name = "invoice_number")
    public String invoiceNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;

    @Column(name = "logged_by", nullable = false)
    public String loggedBy;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    /** The disputed amount with exactly its currency's decimals ({@code 1250.00} EUR, {@code 3000} JPY), or null. */
    public BigDecimal disputedAmountInCurrency() {
        return disputedAmount == null ? null
                : disputedAmount.setScale(Currency.getInstance(disputedCurrency).getDefaultFractionDigits());
    }
}
