package dev.resolve.approvals.api;

import dev.resolve.api.problem.Problems;
import dev.resolve.approvals.api.generated.ApiResource;
import dev.resolve.approvals.api.generated.beans.Policy;
import dev.resolve.approvals.mapping.PolicyMapping;
import dev.resolve.approvals.service.PolicyQueries;
import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/**
 * The policies API of the contract {@code shared-contracts/src/main/openapi/approval-service/openapi.yaml}. The
 * contract's pattern admits only versions from 1 to 999999999, before these methods run.
 */
public class PoliciesResource implements ApiResource {

    private final PolicyQueries queries;

    public PoliciesResource(PolicyQueries queries) {
        this.queries = queries;
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN})
    public Policy getCurrentPolicy() {
        return queries.current().map(PolicyMapping::view)
                .orElseThrow(() -> Problems.notFound("No policy is in force yet."));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN})
    public Policy getPolicy(String version) {
        int wanted = Integer.parseInt(version);
        return queries.version(wanted).map(PolicyMapping::view)
                .orElseThrow(() -> Problems.notFound("There is no policy version " + wanted + "."));
    }
}
