package dev.resolve.intake.service;

import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.api.security.Caller;
import dev.resolve.contracts.vocabulary.Vocabulary.Channel;
import dev.resolve.intake.domain.BillingContract;
import dev.resolve.intake.domain.CustomerAccount;
import dev.resolve.intake.domain.CustomerRequest;
import dev.resolve.intake.domain.CustomerInvoice;
import dev.resolve.intake.domain.RequestRule;
import dev.resolve.intake.domain.RuleBreach;
import dev.resolve.intake.mapping.RequestEvents;
import dev.resolve.intake.persistence.ContractRepository;
import dev.resolve.intake.persistence.CustomerRepository;
import dev.resolve.intake.persistence.CustomerRequestRepository;
import dev.resolve.intake.persistence.InvoiceRepository;
import dev.resolve.intake.persistence.ReferenceLocks;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.outbox.EventPublisher;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Logs service requests: the rules beyond the contract's format checks (the customer, the invoice and its open
 * amount, no second open request of the same kind), the KYC hold, the number, the store and the event with the
 * snapshot of customer and invoice that the rest of the suite needs.
 */
@ApplicationScoped
@Transactional
public class RequestIntake {

    private final CustomerRequestRepository requests;
    private final CustomerRepository customers;
    private final InvoiceRepository invoices;
    private final ContractRepository contracts;
    private final ReferenceLocks locks;
    private final EventPublisher events;

    public RequestIntake(CustomerRequestRepository requests, CustomerRepository customers, InvoiceRepository invoices,
            ContractRepository contracts, ReferenceLocks locks, EventPublisher events) {
        this.requests = requests;
        this.customers = customers;
        this.invoices = invoices;
        this.contracts = contracts;
        this.locks = locks;
        this.events = events;
    }

    /** A request logged, or the rule that kept it from being logged (then nothing was stored). */
    public record Outcome(CustomerRequest logged, RuleBreach breach) {
    }

    /**
     * Checks and stores a request a caller logs through the API, and writes {@code RequestLogged} to the outbox, in
     * one transaction (the caller's, when there is one: an Idempotency-Key's claim shares it).
     *
     * @throws HttpProblem 403 when a customer logs for another customer; 400 listing every field rule the request
     *         breaks; 422 or 409 naming the first reference rule it breaks ({@link RequestRule})
     */
    public CustomerRequest log(CustomerRequest.Content content, Caller caller, EventMetadata metadata) {
        if (caller.isCustomerOnly() && !Objects.equals(content.customerReference(), caller.customer())) {
            throw Problems.forbidden("A customer logs requests for their own customer reference only ("
                    + (caller.customer() == null ? "the token names none" : caller.customer()) + ").");
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (content.channel() == Channel.BILLING_SYSTEM) {
            violations.add(FieldViolation.body("channel",
                    "BILLING_SYSTEM is for disputes billing systems post (POST /api/v1/billing/disputes or billing.disputes)"));
        }
        requireText("subject", content.subject(), violations);
        requireText("description", content.description(), violations);
        if (content.disputedAmount() != null && !content.disputedAmount().isPositive()) {
            violations.add(FieldViolation.body("disputedAmount.amount", "must be greater than zero"));
        }
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }
        Outcome outcome = logChecked(content, null, metadata);
        if (outcome.breach() != null) {
            throw problem(outcome.breach());
        }
        return outcome.logged();
    }

    /**
     * Logs a request if it keeps every {@link RequestRule}, in the caller's transaction; otherwise stores nothing and
     * says which rule it breaks.
     *
     * @param externalReference the billing system's dispute the request is made from, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome logChecked(CustomerRequest.Content content, String externalReference, EventMetadata metadata) {
        Optional<CustomerAccount> customer = customers.findForChecking(content.customerReference());
        if (customer.isEmpty()) {
            return breach(RuleBreach.of(RequestRule.UNKNOWN_CUSTOMER,
                    "No customer has the reference " + content.customerReference() + "."));
        }
        CustomerInvoice invoice = null;
        if (content.invoiceNumber() != null) {
            Optional<CustomerInvoice> found = invoices.findForChecking(content.invoiceNumber());
            Optional<RuleBreach> broken = invoiceBreach(content, found);
            if (broken.isPresent()) {
                return breach(broken.get());
            }
            invoice = found.get();
            // Two requests of the same kind logged at once: the second waits here and then sees the first.
            locks.lock("open-request", content.customerReference() + "|" + content.invoiceNumber() + "|" + content.type());
            Optional<CustomerRequest> open = requests.findOpen(content.customerReference(), content.invoiceNumber(), content.type());
            if (open.isPresent()) {
                return breach(new RuleBreach(RequestRule.DUPLICATE_REQUEST, "Request " + open.get().number() + " of customer "
                        + content.customerReference() + " on invoice " + content.invoiceNumber() + " asks for a "
                        + content.type() + " and is still open.", open.get().id()));
            }
        }
        String holdReason = content.movesMoney() ? customer.get().kyc().currentHoldReason() : null;
        CustomerRequest request = CustomerRequest.log(requests.nextNumber(), content, holdReason, externalReference,
                metadata.actor(), metadata.correlationId());
        requests.persist(request);
        BillingContract contract = invoice == null || invoice.contractId() == null ? null
                : contracts.findForChecking(invoice.contractId()).orElse(null);
        events.publish(request.id().toString(), RequestEvents.logged(request, customer.get(), invoice, contract), metadata);
        return new Outcome(request, null);
    }

    /**
     * The request with {@code id}, if it exists and {@code caller} may see it: a customer sees only their own
     * customer's requests (any other is reported as missing, so ids cannot be probed).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CustomerRequest> find(UUID id, Caller caller) {
        return requests.findByIdOptional(id).filter(found -> !caller.isCustomerOnly() || found.belongsTo(caller.customer()));
    }

    private static Optional<RuleBreach> invoiceBreach(CustomerRequest.Content content, Optional<CustomerInvoice> found) {
        String number = content.invoiceNumber();
        if (found.isEmpty()) {
            return Optional.of(RuleBreach.of(RequestRule.UNKNOWN_INVOICE, "No invoice has the number " + number + "."));
        }
        CustomerInvoice invoice = found.get();
        if (!invoice.billedTo(content.customerReference())) {
            return Optional.of(RuleBreach.of(RequestRule.INVOICE_NOT_CUSTOMERS,
                    "Invoice " + number + " was not billed to customer " + content.customerReference() + "."));
        }
        if (invoice.cancelled()) {
            return Optional.of(RuleBreach.of(RequestRule.INVOICE_CANCELLED, "Invoice " + number + " is cancelled."));
        }
        if (content.disputedAmount() != null) {
            if (!content.disputedAmount().currency().equals(invoice.currency())) {
                return Optional.of(RuleBreach.of(RequestRule.CURRENCY_MISMATCH, "The disputed amount is in "
                        + content.disputedAmount().currency() + "; invoice " + number + " is in " + invoice.currency() + "."));
            }
            if (content.disputedAmount().compareTo(invoice.openAmount()) > 0) {
                return Optional.of(RuleBreach.of(RequestRule.AMOUNT_EXCEEDS_OPEN_AMOUNT, "The disputed "
                        + content.disputedAmount() + " is more than the " + invoice.openAmount() + " still open on invoice "
                        + number + "."));
            }
        }
        return Optional.empty();
    }

    private static Outcome breach(RuleBreach breach) {
        return new Outcome(null, breach);
    }

    /** The API's answer to a broken rule: its status and problem type, and for a duplicate the open request. */
    private static HttpProblem problem(RuleBreach breach) {
        HttpProblem.Builder problem = HttpProblem.builder()
                .withStatus(breach.rule().status())
                .withTitle(breach.rule().status() == 409 ? "Conflict" : "Unprocessable Content")
                .withType(breach.rule().type())
                .withDetail(breach.reason());
        if (breach.existingRequestId() != null) {
            problem.with("existingRequestId", breach.existingRequestId())
                    .with("existingRequest", "/api/v1/requests/" + breach.existingRequestId());
        }
        return problem.build();
    }

    private static void requireText(String field, String value, List<FieldViolation> violations) {
        if (value.isBlank()) {
            violations.add(FieldViolation.body(field, "must not be blank"));
        }
    }
}
