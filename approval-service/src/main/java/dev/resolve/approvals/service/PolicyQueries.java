package dev.resolve.approvals.service;

import dev.resolve.approvals.domain.ApprovalPolicy;
import dev.resolve.approvals.persistence.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** Which policy applies. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PolicyQueries {

    private final PolicyRepository policies;

    public PolicyQueries(PolicyRepository policies) {
        this.policies = policies;
    }

    public Optional<ApprovalPolicy> current() {
        return policies.inForceAt(Instant.now());
    }

    public Optional<ApprovalPolicy> version(int version) {
        return policies.version(version);
    }
}
