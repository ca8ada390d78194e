package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.BillingContract;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Stores contracts at the newest version heard of. */
@ApplicationScoped
public class ContractRepository implements PanacheRepositoryBase<BillingContract, String> {

    /** BillingContract {@code id} to check a request against, loaded read-only (see {@link ReadOnly}). */
    public Optional<BillingContract> findForChecking(String id) {
        return ReadOnly.find(this, BillingContract.class, id);
    }
}
