package dev.resolve.approvals.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One version of the authorization policy; never changed once written (migrations write them). */
@Entity
@Table(name = "approval_policy")
public class ApprovalPolicy {

    @Id
    private int version;

    @Column(name = "effective_from", nullable = false)
    private Instant effectiveFrom;

    /** The currency the thresholds are in. */
    @Column(nullable = false)
    private String currency;

    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @OneToMany(mappedBy = "policy")
    @OrderBy("adjustmentType, band")
    private List<ApprovalRule> rules = new ArrayList<>();

    protected ApprovalPolicy() {
        // For JPA.
    }

    public int version() {
        return version;
    }

    public Instant effectiveFrom() {
        return effectiveFrom;
    }

    public String currency() {
        return currency;
    }

    public String description() {
        return description;
    }

    /** The bands, by adjustment type and then band. */
    public List<ApprovalRule> rules() {
        return Collections.unmodifiableList(rules);
    }
}
