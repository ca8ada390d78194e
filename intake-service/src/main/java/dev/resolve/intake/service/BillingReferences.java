package dev.resolve.intake.service;

import dev.resolve.intake.domain.BillingContract;
import dev.resolve.intake.domain.BillingVersioned;
import dev.resolve.intake.domain.CustomerInvoice;
import dev.resolve.intake.domain.PendingPayment;
import dev.resolve.intake.domain.VersionedChange;
import dev.resolve.intake.persistence.ContractRepository;
import dev.resolve.intake.persistence.InvoiceRepository;
import dev.resolve.intake.persistence.PendingPaymentRepository;
import dev.resolve.intake.persistence.ReferenceLocks;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Invoices and contracts as billing systems keep them current, over REST and on {@code billing.invoices}. Each write
 * carries the billing system's version; writers of one invoice or contract queue behind each other
 * ({@link ReferenceLocks}), and an older version never overwrites a newer one, whichever path and order they take.
 */
@ApplicationScoped
@Transactional
public class BillingReferences {

    private final InvoiceRepository invoices;
    private final ContractRepository contracts;
    private final PendingPaymentRepository pendingPayments;
    private final ReferenceLocks locks;

    public BillingReferences(InvoiceRepository invoices, ContractRepository contracts,
            PendingPaymentRepository pendingPayments, ReferenceLocks locks) {
        this.invoices = invoices;
        this.contracts = contracts;
        this.pendingPayments = pendingPayments;
        this.locks = locks;
    }

    /** What a versioned write did, and the invoice or contract as stored afterwards. */
    public record Versioned<T>(T stored, VersionedChange change) {
    }

    /**
     * Stores invoice {@code number} at {@code version} unless intake holds that version or a newer one. A payment that
     * arrived before the invoice and is newer than {@code version} is applied on top.
     */
    public Versioned<CustomerInvoice> putInvoice(String number, CustomerInvoice.Content content, long version) {
        return put("invoice", number, invoices, content, version, () -> {
            CustomerInvoice created = CustomerInvoice.create(number, content, version);
            pendingPayments.findByIdOptional(number).ifPresent(pending -> {
                created.pay(pending.payment());
                pendingPayments.delete(pending);
            });
            return created;
        });
    }

    /**
     * Applies what a payment left open on invoice {@code number}, if the payment's version is newer than the invoice's;
     * a payment for an invoice not heard of yet waits for it.
     */
    public VersionedChange pay(String number, CustomerInvoice.Payment payment) {
        locks.lock("invoice", number);
        Optional<CustomerInvoice> stored = invoices.findByIdOptional(number);
        if (stored.isPresent()) {
            return stored.get().pay(payment);
        }
        Optional<PendingPayment> waiting = pendingPayments.findByIdOptional(number);
        if (waiting.isPresent()) {
            waiting.get().keepNewer(payment);
        } else {
            pendingPayments.persist(PendingPayment.of(number, payment));
        }
        Log.infof("Payment at version %d for invoice %s waits for the invoice", payment.version(), number);
        return VersionedChange.CREATED;
    }

    /** Stores contract {@code id} at {@code version} unless intake holds that version or a newer one. */
    public Versioned<BillingContract> putContract(String id, BillingContract.Content content, long version) {
        return put("contract", id, contracts, content, version, () -> BillingContract.create(id, content, version));
    }

    /** Replaces {@code kind} {@code id} at {@code version}, or stores what {@code create} makes when it is new. */
    private <E extends BillingVersioned<C>, C> Versioned<E> put(String kind, String id,
            PanacheRepositoryBase<E, String> repository, C content, long version, Supplier<E> create) {
        locks.lock(kind, id);
        Optional<E> stored = repository.findByIdOptional(id);
        if (stored.isPresent()) {
            return new Versioned<>(stored.get(), stored.get().replace(content, version));
        }
        E created = create.get();
        repository.persist(created);
        return new Versioned<>(created, VersionedChange.CREATED);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CustomerInvoice> invoice(String number) {
        return invoices.findByIdOptional(number);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BillingContract> contract(String id) {
        return contracts.findByIdOptional(id);
    }
}
