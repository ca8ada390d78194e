package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.ServiceRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Stores service requests and hands out request numbers. */
@ApplicationScoped
public class ServiceRequestRepository implements PanacheRepositoryBase<ServiceRequest, UUID> {

    /** The next request number, {@code SR-000001} upwards (gaps are possible after rollbacks, duplicates are not). */
    public String nextNumber() {
        long next = ((Number) getEntityManager().createNativeQuery("SELECT nextval('service_request_number_seq')")
                .getSingleResult()).longValue();
        return String.format("SR-%06d", next);
    }
}
