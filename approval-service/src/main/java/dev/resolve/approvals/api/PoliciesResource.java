package dev.resolve.approvals.api;

import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.approvals.api.generated.ApiResource;
import dev.resolve.approvals.api.generated.beans.AdjustmentType;
import dev.resolve.approvals.api.generated.beans.Policy;
import dev.resolve.approvals.api.generated.beans.PolicyRule;
import dev.resolve.approvals.service.PolicyQueries;

import java.util.Date;

/** The policies API of the contract {@code shared-contracts/src/main/openapi/approval-service/openapi.yaml}. */
public class PoliciesResource implements ApiResource {

    private final PolicyQueries queries;

    public PoliciesResource(PolicyQueries queries) {
        this.queries = queries;
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN})
    public Policy getCurrentPolicy() {
        return queries.current().map(PoliciesResource::view)
                .orElseThrow(() -> Problems.notFound("No policy is in force yet."));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN})
    public Policy getPolicy(String version) {
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw Problems.validation(FieldViolation.path("version", "must be a whole number from 1"));
        }
        int wanted = number;
        return queries.version(wanted).map(PoliciesResource::view)
                .orElseThrow(() -> Problems.notFound("There is no policy version " + wanted + "."));
    }

    private static Policy view(dev.resolve.approvals.domain.Policy policy) {
        Policy view = new Policy();
        view.setVersion(policy.version);
        view.setEffectiveFrom(Date.from(policy.effectiveFrom));
        view.setCurrency(policy.currency);
        view.setDescription(policy.description);
        view.setRules(policy.rules.stream().map(rule -> {
            PolicyRule item = new PolicyRule();
            item.setAdjustmentType(AdjustmentType.valueOf(rule.adjustmentType.name()));
            item.setUpTo(rule.upTo == null ? null : rule.upTo.stripTrailingZeros().toPlainString());
            item.setApproverRoles(rule.roles());
            item.setAutoApproveLowRisk(rule.autoApproveLowRisk);
            return item;
        }).toList());
        return view;
    }
}
