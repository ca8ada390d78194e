package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary.InvoiceStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/**
 * The newest payment reported for an invoice intake has not heard of yet: events arrive in any order, so it waits
 * here and is applied when the invoice arrives, if it is newer than the version that brings the invoice.
 */
@Entity
@Table(name = "invoice_payment_pending")
public class PendingPayment {

    @Id
    @Column(name = "invoice_number")
    private String invoiceNumber;

    @Column(name = "open_amount", nullable = false)
    private BigDecimal openAmount;

    @Column(nullable = false)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceStatus status;

    @Column(nullable = false)
    private long version;

    protected PendingPayment() {
        // For JPA.
    }

    public static PendingPayment of(String invoiceNumber, CustomerInvoice.Payment payment) {
        PendingPayment pending = new PendingPayment();
        pending.invoiceNumber = invoiceNumber;
        pending.keep(payment);
        return pending;
    }

    /** Keeps {@code payment} instead of the one waiting if it is newer. */
    public void keepNewer(CustomerInvoice.Payment payment) {
        if (payment.version() > version) {
            keep(payment);
        }
    }

    private void keep(CustomerInvoice.Payment payment) {
        openAmount = payment.openAmount().amount();
        currency = payment.openAmount().currency();
        status = payment.status();
        version = payment.version();
    }

    public CustomerInvoice.Payment payment() {
        return new CustomerInvoice.Payment(new Money(openAmount, currency), status, version);
    }
}
