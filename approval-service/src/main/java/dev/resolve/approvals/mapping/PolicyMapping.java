package dev.resolve.approvals.mapping;

import dev.resolve.approvals.api.generated.beans.AdjustmentType;
import dev.resolve.approvals.api.generated.beans.Policy;
import dev.resolve.approvals.api.generated.beans.PolicyRule;
import dev.resolve.approvals.domain.ApprovalPolicy;
import dev.resolve.approvals.domain.ApprovalRule;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary;

import java.util.Date;

/** Between the policies API's beans and the domain. */
public final class PolicyMapping {

    private PolicyMapping() {
    }

    public static Policy view(ApprovalPolicy policy) {
        Policy view = new Policy();
        view.setVersion(policy.version());
        view.setEffectiveFrom(Date.from(policy.effectiveFrom()));
        view.setCurrency(policy.currency());
        view.setDescription(policy.description());
        view.setRules(policy.rules().stream().map(PolicyMapping::view).toList());
        return view;
    }

    private static PolicyRule view(ApprovalRule rule) {
        PolicyRule view = new PolicyRule();
        view.setAdjustmentType(Vocabulary.as(rule.adjustmentType(), AdjustmentType.class));
        view.setUpTo(rule.upTo().map(Money::amountText).orElse(null));
        view.setApproverRoles(rule.roles());
        view.setAutoApproveLowRisk(rule.autoApproveLowRisk());
        return view;
    }
}
