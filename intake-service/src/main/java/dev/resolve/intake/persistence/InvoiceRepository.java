package dev.resolve.intake.persistence;

import dev.resolve.intake.domain.CustomerInvoice;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores invoices at the newest version heard of. */
@ApplicationScoped
public class InvoiceRepository implements PanacheRepositoryBase<CustomerInvoice, String> {
}
