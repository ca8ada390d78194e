package dev.resolve.intake.service;

import dev.resolve.api.http.ETags;
import dev.resolve.api.paging.Page;
import dev.resolve.api.problem.Problems;
import dev.resolve.api.security.Caller;
import dev.resolve.contracts.vocabulary.Vocabulary.CustomerTier;
import dev.resolve.contracts.vocabulary.Vocabulary.KycStatus;
import dev.resolve.intake.domain.CustomerAccount;
import dev.resolve.intake.domain.KycStanding;
import dev.resolve.intake.persistence.CustomerRepository;
import dev.resolve.intake.persistence.ReferenceLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * The customer master: customers as the CRM or billing system masters them, with their KYC standing. Writers of one
 * customer queue behind each other ({@link ReferenceLocks}), so {@code If-Match} compares against what is stored.
 */
@ApplicationScoped
@Transactional
public class CustomerMaster {

    private final CustomerRepository customers;
    private final ReferenceLocks locks;

    public CustomerMaster(CustomerRepository customers, ReferenceLocks locks) {
        this.customers = customers;
        this.locks = locks;
    }

    /**
     * Creates or replaces customer {@code reference}.
     *
     * @param ifMatch the ETag the caller read, or null to replace whatever is stored
     * @param createOnly {@code If-None-Match: *}: only create
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 412 when the condition does not hold
     */
    public Written<CustomerAccount> put(String reference, CustomerAccount.Content content, String ifMatch, boolean createOnly) {
        locks.lock("customer", reference);
        Optional<CustomerAccount> stored = customers.findByIdOptional(reference);
        if (stored.isPresent() && createOnly) {
            throw Problems.preconditionFailed("Customer " + reference + " exists already (If-None-Match: *).");
        }
        if (ifMatch != null) {
            require(stored, reference, ifMatch);
        }
        if (stored.isEmpty()) {
            CustomerAccount created = CustomerAccount.create(reference, content);
            customers.persist(created);
            return new Written<>(created, true);
        }
        stored.get().replace(content);
        return new Written<>(stored.get(), false);
    }

    /**
     * Replaces the KYC standing of customer {@code reference}.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 404 for an unknown customer; 412 when {@code ifMatch} is
     *         given and not the customer's ETag
     */
    public CustomerAccount changeKyc(String reference, KycStanding standing, String ifMatch) {
        locks.lock("customer", reference);
        CustomerAccount customer = customers.findByIdOptional(reference)
                .orElseThrow(() -> Problems.notFound("No customer has the reference " + reference + "."));
        if (ifMatch != null) {
            require(Optional.of(customer), reference, ifMatch);
        }
        customer.changeKyc(standing);
        return customer;
    }

    /**
     * Customer {@code reference} if {@code caller} may see it: a portal customer sees only their own (any other is
     * reported as missing, so references cannot be probed).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CustomerAccount> find(String reference, Caller caller) {
        if (caller.isCustomerOnly() && !reference.equals(caller.customer())) {
            return Optional.empty();
        }
        return customers.findByIdOptional(reference);
    }

    /** The customers matching the filters (each may be null), by reference. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CustomerAccount> list(String search, CustomerTier tier, KycStatus kycStatus, CustomerRepository.After after,
            int limit) {
        return Page.of(customers.page(search, tier, kycStatus, KycStanding.today(), after, Page.rowsToRead(limit)), limit,
                last -> CustomerRepository.After.of(last).cursor());
    }

    private static void require(Optional<CustomerAccount> stored, String reference, String ifMatch) {
        if (stored.isEmpty()) {
            throw Problems.preconditionFailed("Customer " + reference + " does not exist, so no ETag matches (If-Match).");
        }
        if (!ETags.matches(ifMatch, stored.get().version())) {
            throw Problems.preconditionFailed("Customer " + reference + " has changed: its ETag is \""
                    + stored.get().version() + "\" (If-Match: " + ifMatch + ").");
        }
    }
}
