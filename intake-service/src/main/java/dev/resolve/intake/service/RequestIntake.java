package dev.resolve.intake.service;

import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.api.security.Caller;
import dev.resolve.intake.domain.CustomerRequest;
import dev.resolve.intake.mapping.RequestEvents;
import dev.resolve.intake.persistence.CustomerRequestRepository;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.outbox.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Logs service requests: the rules beyond the contract's format checks, the number, the store and the event. */
@ApplicationScoped
@Transactional
public class RequestIntake {

    private final CustomerRequestRepository requests;
    private final EventPublisher events;

    public RequestIntake(CustomerRequestRepository requests, EventPublisher events) {
        this.requests = requests;
        this.events = events;
    }

    /**
     * Checks and stores a request and writes {@code RequestLogged} to the outbox, in one transaction (the caller's,
     * when there is one: an Idempotency-Key's claim shares it).
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 403 when a customer logs for another customer; 400 listing
     *         every rule the request breaks
     */
    public CustomerRequest log(CustomerRequest.Content content, Caller caller, EventMetadata metadata) {
        if (caller.isCustomerOnly() && !Objects.equals(content.customerReference(), caller.customer())) {
            throw Problems.forbidden("A customer logs requests for their own customer reference only ("
                    + (caller.customer() == null ? "the token names none" : caller.customer()) + ").");
        }
        List<FieldViolation> violations = new ArrayList<>();
        requireText("subject", content.subject(), violations);
        requireText("description", content.description(), violations);
        if (content.disputedAmount() != null && !content.disputedAmount().isPositive()) {
            violations.add(FieldViolation.body("disputedAmount.amount", "must be greater than zero"));
        }
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }

        CustomerRequest request = CustomerRequest.log(requests.nextNumber(), content, metadata.actor(), metadata.correlationId());
        requests.persist(request);
        events.publish(request.id().toString(), RequestEvents.logged(request), metadata);
        return request;
    }

    /**
     * The request with {@code id}, if it exists and {@code caller} may see it: a customer sees only their own
     * customer's requests (any other is reported as missing, so ids cannot be probed).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CustomerRequest> find(UUID id, Caller caller) {
        return requests.findByIdOptional(id).filter(found -> !caller.isCustomerOnly() || found.belongsTo(caller.customer()));
    }

    private static void requireText(String field, String value, List<FieldViolation> violations) {
        if (value.isBlank()) {
            violations.add(FieldViolation.body(field, "must not be blank"));
        }
    }
}
