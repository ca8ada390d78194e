package dev.resolve.approvals.domain;

import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary.AdjustmentType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** One amount band of one adjustment type: who must approve an adjustment that falls in it. */
@Entity
@Table(name = "approval_policy_rule")
public class ApprovalRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "policy_version")
    private ApprovalPolicy policy;

    @Enumerated(EnumType.STRING)
    @Column(name = "adjustment_type", nullable = false)
    private AdjustmentType adjustmentType;

    /** Order of the band within its adjustment type, from 1. */
    @Column(nullable = false)
    private int band;

    /** Inclusive ceiling in the policy currency; null for no ceiling. */
    @Column(name = "up_to", precision = 19, scale = 4)
    private BigDecimal upTo;

    /** Comma-separated roles, one approval step each, in order. */
    @Column(name = "approver_roles", nullable = false)
    private String approverRoles;

    @Column(name = "auto_approve_low_risk", nullable = false)
    private boolean autoApproveLowRisk;

    protected ApprovalRule() {
        // For JPA.
    }

    public AdjustmentType adjustmentType() {
        return adjustmentType;
    }

    /** The band's inclusive ceiling in the policy's currency, or empty for no ceiling. */
    public Optional<Money> upTo() {
        return upTo == null ? Optional.empty() : Optional.of(new Money(upTo, policy.currency()));
    }

    /** The approver roles, one approval step each, in order; empty when no approval is needed. */
    public List<String> roles() {
        return approverRoles.isBlank() ? List.of() : Arrays.stream(approverRoles.split(",")).map(String::trim).toList();
    }

    public boolean autoApproveLowRisk() {
        return autoApproveLowRisk;
    }
}
