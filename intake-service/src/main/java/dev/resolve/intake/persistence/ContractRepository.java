package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.BillingContract;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores contracts at the newest version heard of. */
@ApplicationScoped
public class ContractRepository implements PanacheRepositoryBase<BillingContract, String> {
}
