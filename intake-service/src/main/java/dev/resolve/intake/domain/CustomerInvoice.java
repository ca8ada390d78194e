package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary.InvoiceStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** An invoice as its billing system holds it, at the newest version intake has heard of. */
@Entity
@Table(name = "invoice")
public class CustomerInvoice extends BillingVersioned<CustomerInvoice.Content> {

    /**
     * What the billing system says about an invoice at one version.
     *
     * @throws InvalidContentException when amounts are in another currency, the open amount is not between zero and
     *         the total, or the due date is before the issue date
     */
    public record Content(String customerReference, LocalDate issuedOn, LocalDate dueOn, String currency, Money total,
            Money openAmount, InvoiceStatus status, String contractId, List<InvoiceItem> lines) {

        public Content {
            Objects.requireNonNull(customerReference, "customerReference");
            Objects.requireNonNull(issuedOn, "issuedOn");
            Objects.requireNonNull(dueOn, "dueOn");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(openAmount, "openAmount");
            Objects.requireNonNull(status, "status");
            lines = lines == null ? List.of() : List.copyOf(lines);
            String inCurrency = "must be in the invoice's currency " + currency;
            InvalidContentException.Collector checks = new InvalidContentException.Collector()
                    .check(total.currency().equals(currency), "total.currency", inCurrency)
                    .check(openAmount.currency().equals(currency), "openAmount.currency", inCurrency)
                    .check(!dueOn.isBefore(issuedOn), "dueOn", "must not be before issuedOn")
                    .check(openAmount.amount().signum() >= 0 && openAmount.amount().compareTo(total.amount()) <= 0,
                            "openAmount.amount", "must be between zero and the total");
            for (int i = 0; i < lines.size(); i++) {
                InvoiceItem line = lines.get(i);
                checks.check(line.unitPrice() == null || line.unitPrice().currency().equals(currency),
                        "lines[" + i + "].unitPrice.currency", inCurrency);
                checks.check(line.amount() == null || line.amount().currency().equals(currency),
                        "lines[" + i + "].amount.currency", inCurrency);
            }
            checks.throwIfAny();
        }
    }

    /** What a payment left open on an invoice, at the version the billing system gave that state. */
    public record Payment(Money openAmount, InvoiceStatus status, long version) {
    }

    @Id
    @Column(name = "invoice_number")
    private String number;

    @Column(name = "customer_reference", nullable = false)
    private String customerReference;

    @Column(name = "issued_on", nullable = false)
    private LocalDate issuedOn;

    @Column(name = "due_on", nullable = false)
    private LocalDate dueOn;

    @Column(nullable = false)
    private String currency;

    @Column(nullable = false)
    private BigDecimal total;

    @Column(name = "open_amount", nullable = false)
    private BigDecimal openAmount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceStatus status;

    @Column(name = "contract_id")
    private String contractId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<InvoiceItem> lines;

    protected CustomerInvoice() {
        // For JPA.
    }

    public static CustomerInvoice create(String number, Content content, long version) {
        CustomerInvoice invoice = new CustomerInvoice();
        invoice.number = Objects.requireNonNull(number, "number");
        invoice.take(content, version);
        return invoice;
    }

    /** Takes what a payment left open if the payment's version is newer than what this invoice holds. */
    public VersionedChange pay(Payment payment) {
        VersionedChange change = VersionedChange.of(version(), payment.version());
        if (change.applies()) {
            openAmount = payment.openAmount().amount();
            status = payment.status();
            moveTo(payment.version());
        }
        return change;
    }

    @Override
    protected void apply(Content content) {
        customerReference = content.customerReference();
        issuedOn = content.issuedOn();
        dueOn = content.dueOn();
        currency = content.currency();
        total = content.total().amount();
        openAmount = content.openAmount().amount();
        status = content.status();
        contractId = content.contractId();
        lines = content.lines();
    }

    /** Whether the invoice was billed to {@code customer}. */
    public boolean billedTo(String customer) {
        return customerReference.equals(customer);
    }

    public boolean cancelled() {
        return status == InvoiceStatus.CANCELLED;
    }

    public String number() {
        return number;
    }

    public String customerReference() {
        return customerReference;
    }

    public LocalDate issuedOn() {
        return issuedOn;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public String currency() {
        return currency;
    }

    public Money total() {
        return new Money(total, currency);
    }

    public Money openAmount() {
        return new Money(openAmount, currency);
    }

    public InvoiceStatus status() {
        return status;
    }

    public String contractId() {
        return contractId;
    }

    public List<InvoiceItem> lines() {
        return lines;
    }

}
