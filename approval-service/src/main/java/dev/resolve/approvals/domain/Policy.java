package dev.resolve.approvals.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One version of the authorization policy; never changed once written. */
@Entity
@Table(name = "approval_policy")
public class Policy {

    @Id
    public int version;

    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;

    /** The currency the thresholds are in. */
    @Column(nullable = false)
    public String currency;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @OneToMany(mappedBy = "policy")
    @OrderBy("adjustmentType, band")
    public List<PolicyRule> rules = new ArrayList<>();
}
