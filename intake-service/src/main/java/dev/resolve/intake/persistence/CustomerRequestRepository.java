package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.CustomerRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Stores service requests and hands out request numbers. */
@ApplicationScoped
public class CustomerRequestRepository implements PanacheRepositoryBase<CustomerRequest, UUID> {

    /** Numbers per sequence call; the sequence's increment (see migration V20261130_10). */
    static final int BLOCK = 50;

    private long next;
    private long end;

    /**
     * The next request number, {@code SR-000001} upwards: unique, increasing within this instance, taken from a block
     * of {@value #BLOCK} reserved with one sequence call (gaps are possible after rollbacks and restarts, duplicates
     * are not).
     */
    public String nextNumber() {
        long number;
        synchronized (this) {
            if (next == end) {
                next = ((Number) getEntityManager().createNativeQuery("SELECT nextval('service_request_number_seq')")
                        .getSingleResult()).longValue();
                end = next + BLOCK;
            }
            number = next++;
        }
        return String.format("SR-%06d", number);
    }
}
