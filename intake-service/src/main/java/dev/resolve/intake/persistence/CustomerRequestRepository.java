package dev.resolve.intake.persistence;

import dev.resolve.contracts.vocabulary.Vocabulary.RequestType;
import dev.resolve.intake.domain.CustomerRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Stores service requests and hands out request numbers. */
@ApplicationScoped
public class CustomerRequestRepository implements PanacheRepositoryBase<CustomerRequest, UUID> {

    /** Numbers per sequence call; the sequence's increment (see migration V20261130_10). */
    static final int BLOCK = 50;

    private long next;
    private long end;

    /** The open request of {@code customer} on {@code invoiceNumber} asking for {@code type}, if there is one. */
    public Optional<CustomerRequest> findOpen(String customer, String invoiceNumber, RequestType type) {
        return find("customerReference = ?1 and invoiceNumber = ?2 and type = ?3 and status = ?4",
                customer, invoiceNumber, type, CustomerRequest.Status.LOGGED).firstResultOptional();
    }

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
