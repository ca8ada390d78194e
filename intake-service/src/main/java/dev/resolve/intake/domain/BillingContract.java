package dev.resolve.intake.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A customer's contract as its billing system holds it, at the newest version intake has heard of. */
@Entity
@Table(name = "billing_contract")
public class BillingContract extends BillingVersioned<BillingContract.Content> {

    /**
     * A contract's pricing terms; every member may be absent.
     *
     * @param discountPercent 0 to 100
     * @param paymentTermsDays days from an invoice's issue date to its due date
     */
    public record Pricing(String priceList, BigDecimal discountPercent, Integer paymentTermsDays) {

        public Pricing {
            discountPercent = discountPercent == null ? null : discountPercent.stripTrailingZeros();
        }
    }

    /**
     * What the billing system says about a contract at one version.
     *
     * @throws InvalidContentException when it ends before it starts
     */
    public record Content(String customerReference, Pricing pricing, LocalDate validFrom, LocalDate validTo) {

        public Content {
            Objects.requireNonNull(customerReference, "customerReference");
            Objects.requireNonNull(validFrom, "validFrom");
            pricing = pricing == null ? new Pricing(null, null, null) : pricing;
            new InvalidContentException.Collector()
                    .check(validTo == null || !validTo.isBefore(validFrom), "validTo", "must not be before validFrom")
                    .throwIfAny();
        }
    }

    @Id
    @Column(name = "contract_id")
    private String id;

    @Column(name = "customer_reference", nullable = false)
    private String customerReference;

    @Column(name = "price_list")
    private String priceList;

    @Column(name = "discount_percent")
    private BigDecimal discountPercent;

    @Column(name = "payment_terms_days")
    private Integer paymentTermsDays;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    protected BillingContract() {
        // For JPA.
    }

    public static BillingContract create(String id, Content content, long version) {
        BillingContract contract = new BillingContract();
        contract.id = Objects.requireNonNull(id, "id");
        contract.take(content, version);
        return contract;
    }

    @Override
    protected void apply(Content content) {
        customerReference = content.customerReference();
        priceList = content.pricing().priceList();
        discountPercent = content.pricing().discountPercent();
        paymentTermsDays = content.pricing().paymentTermsDays();
        validFrom = content.validFrom();
        validTo = content.validTo();
    }

    public String id() {
        return id;
    }

    public String customerReference() {
        return customerReference;
    }

    public Pricing pricing() {
        return new Pricing(priceList, discountPercent, paymentTermsDays);
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validTo() {
        return validTo;
    }

}
