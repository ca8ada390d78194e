package dev.resolve.approvals.domain;

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

/** One amount band of one adjustment type: who must approve an adjustment that falls in it. */
@Entity
@Table(name = "approval_policy_rule")
public class PolicyRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "policy_version")
    public Policy policy;

    @Enumerated(EnumType.STRING)
    @Column(name = "adjustment_type", nullable = false)
    public AdjustmentType adjustmentType;

    /** Order of the band within its adjustment type, from 1. */
    @Column(nullable = false)
    public int band;

    /** Inclusive ceiling in the policy currency; null for no ceiling. */
    @Column(name = "up_to", precision = 19, scale = 4)
    public BigDecimal upTo;

    /** Comma-separated roles, one approval step each, in order. */
    @Column(name = "approver_roles", nullable = false)
    public String approverRoles;

    @Column(name = "auto_approve_low_risk", nullable = false)
    public boolean autoApproveLowRisk;

    public List<String> roles() {
        return approverRoles.isBlank() ? List.of() : Arrays.stream(approverRoles.split(",")).map(String::trim).toList();
    }
}
