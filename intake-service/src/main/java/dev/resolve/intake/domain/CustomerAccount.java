package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary.Channel;
import dev.resolve.contracts.vocabulary.Vocabulary.CustomerTier;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A customer of the customer master, kept by the CRM or billing system that masters customers. Its version counts
 * changes (the API's ETag); a replacement equal to what is stored changes nothing, so retries keep the version.
 */
@Entity
@Table(name = "customer")
public class CustomerAccount {

    /** What the master system says about a customer: everything but the reference, version and time. */
    public record Content(String name, String segment, CustomerTier tier, KycStanding kyc, CreditRisk risk,
            Channel preferredChannel, List<ContactPerson> contacts) {

        public Content {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(kyc, "kyc");
            risk = risk == null ? CreditRisk.NONE : risk;
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
        }
    }

    @Id
    private String reference;

    @Column(nullable = false)
    private String name;

    private String segment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CustomerTier tier;

    @Embedded
    private KycStanding kyc;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "credit_limit"))
    @AttributeOverride(name = "currency", column = @Column(name = "credit_limit_currency"))
    private Money creditLimit;

    @Embedded
    @AttributeOverride(name = "amount", column = @Column(name = "current_exposure"))
    @AttributeOverride(name = "currency", column = @Column(name = "current_exposure_currency"))
    private Money currentExposure;

    private BigDecimal dscr;

    @Column(name = "average_days_beyond_terms")
    private Integer averageDaysBeyondTerms;

    @Column(name = "late_payments_last_12_months")
    private Integer latePaymentsLast12Months;

    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_channel")
    private Channel preferredChannel;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<ContactPerson> contacts;

    @Column(nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CustomerAccount() {
        // For JPA.
    }

    /** A new customer at version 1. */
    public static CustomerAccount create(String reference, Content content) {
        CustomerAccount customer = new CustomerAccount();
        customer.reference = Objects.requireNonNull(reference, "reference");
        customer.apply(content);
        customer.version = 1;
        return customer;
    }

    /**
     * Replaces everything the master system says with {@code content}.
     *
     * @return whether anything changed (and so the version moved on)
     */
    public boolean replace(Content content) {
        if (content().equals(content)) {
            return false;
        }
        apply(content);
        version++;
        return true;
    }

    /**
     * Replaces the KYC standing.
     *
     * @return whether it changed (and so the version moved on)
     */
    public boolean changeKyc(KycStanding standing) {
        return replace(new Content(name, segment, tier, standing, risk(), preferredChannel, contacts));
    }

    private void apply(Content content) {
        name = content.name();
        segment = content.segment();
        tier = content.tier();
        kyc = content.kyc();
        CreditRisk risk = content.risk();
        creditLimit = risk.creditLimit();
        currentExposure = risk.currentExposure();
        dscr = risk.dscr();
        averageDaysBeyondTerms = risk.averageDaysBeyondTerms();
        latePaymentsLast12Months = risk.latePaymentsLast12Months();
        preferredChannel = content.preferredChannel();
        contacts = content.contacts();
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public Content content() {
        return new Content(name, segment, tier, kyc, risk(), preferredChannel, contacts);
    }

    public String reference() {
        return reference;
    }

    public String name() {
        return name;
    }

    public String segment() {
        return segment;
    }

    public CustomerTier tier() {
        return tier;
    }

    public KycStanding kyc() {
        return kyc;
    }

    public CreditRisk risk() {
        return new CreditRisk(creditLimit, currentExposure, dscr, averageDaysBeyondTerms, latePaymentsLast12Months);
    }

    public Channel preferredChannel() {
        return preferredChannel;
    }

    public List<ContactPerson> contacts() {
        return contacts;
    }

    /** Counts changes from 1; the API's ETag. */
    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
