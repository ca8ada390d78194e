package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.BillingDispute;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Stores disputes billing systems posted, found by their identity. */
@ApplicationScoped
public class DisputeRepository implements PanacheRepositoryBase<BillingDispute, UUID> {

    public Optional<BillingDispute> find(String sourceSystem, String externalDisputeId) {
        return find("sourceSystem = ?1 and externalDisputeId = ?2", sourceSystem, externalDisputeId).firstResultOptional();
    }
}
