package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.CustomerInvoice;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Stores invoices at the newest version heard of. */
@ApplicationScoped
public class InvoiceRepository implements PanacheRepositoryBase<CustomerInvoice, String> {

    /** CustomerInvoice {@code id} to check a request against, loaded read-only (see {@link ReadOnly}). */
    public Optional<CustomerInvoice> findForChecking(String id) {
        return ReadOnly.find(this, CustomerInvoice.class, id);
    }
}
