package dev.resolve.approvals.persistence;

import dev.resolve.approvals.domain.ApprovalPolicy;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Reads policy versions with their rules. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<ApprovalPolicy, Integer> {

    /** The newest version in force at {@code at}. */
    public Optional<ApprovalPolicy> inForceAt(Instant at) {
        return find("select distinct p from ApprovalPolicy p left join fetch p.rules where p.effectiveFrom <= ?1 order by p.version desc", at)
                .firstResultOptional();
    }

    public Optional<ApprovalPolicy> version(int version) {
        return find("select distinct p from ApprovalPolicy p left join fetch p.rules where p.version = ?1", version).firstResultOptional();
    }
}
