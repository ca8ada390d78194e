package dev.resolve.approvals.service;

import dev.resolve.approvals.domain.Policy;
import dev.resolve.approvals.persistence.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** Which policy applies. */
@ApplicationScoped
public class PolicyQueries {

    private final PolicyRepository policies;

    public PolicyQueries(PolicyRepository policies) {
        this.policies = policies;
    }

    @Transactional
    public Optional<Policy> current() {
        return policies.inForceAt(Instant.now());
    }

    @Transactional
    public Optional<Policy> version(int version) {
        return policies.version(version);
    }
}
