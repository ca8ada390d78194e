package dev.resolve.intake.service;

import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.api.security.Caller;
import dev.resolve.contracts.events.payload.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.intake.domain.RequestStatus;
import dev.resolve.intake.domain.ServiceRequest;
import dev.resolve.intake.persistence.ServiceRequestRepository;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.outbox.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Logs service requests: the rules beyond the contract's format checks, the number, the store and the event. */
@ApplicationScoped
public class RequestIntake {

    private final ServiceRequestRepository requests;
    private final EventPublisher events;

    public RequestIntake(ServiceRequestRepository requests, EventPublisher events) {
        this.requests = requests;
        this.events = events;
    }

    /**
     * Validates and stores {@code request} and writes {@code RequestLogged} to the outbox, in one transaction (the
     * caller's, when there is one: an Idempotency-Key's claim shares it).
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem a 400 listing every rule the request breaks
     */
    @Transactional
    public ServiceRequest log(NewRequest request, Caller caller, EventMetadata metadata) {
        if (caller.isCustomerOnly() && !java.util.Objects.equals(request.customerReference(), caller.customer())) {
            throw Problems.forbidden("A customer logs requests for their own customer reference only ("
                    + (caller.customer() == null ? "the token names none" : caller.customer()) + ").");
        }
        List<FieldViolation> violations = new ArrayList<>();
        requireText("subject", request.subject(), violations);
        requireText("description", request.description(), violations);
        Optional<BigDecimal> amount = Optional.empty();
        if (request.disputedAmount() != null) {
            amount = MoneyRules.check("disputedAmount", request.disputedAmount(), request.disputedCurrency(), violations);
        }
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }

        ServiceRequest entity = new ServiceRequest();
        entity.id = UUID.randomUUID();
        entity.number = requests.nextNumber();
        entity.channel = request.channel();
        entity.customerReference = request.customerReference();
        entity.type = request.type();
        entity.subject = request.subject();
        entity.description = request.description();
        entity.disputedAmount = amount.orElse(null);
        entity.disputedCurrency = amount.isPresent() ? request.disputedCurrency() : null;
        entity.invoiceNumber = request.invoiceNumber();
        entity.status = RequestStatus.LOGGED;
        entity.loggedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entity.loggedBy = metadata.actor();
        entity.correlationId = metadata.correlationId();
        requests.persist(entity);

        events.publish(entity.id.toString(), new RequestLogged(entity.id, entity.number, entity.channel.name(),
                entity.type.name(), entity.customerReference, entity.subject, entity.description,
                entity.disputedAmount == null ? null : new Money(entity.disputedAmount, entity.disputedCurrency),
                entity.invoiceNumber, entity.type.financial(), entity.loggedAt), metadata);
        return entity;
    }

    /**
     * The request with {@code id}, if it exists and {@code caller} may see it: a customer sees only their own
     * customer's requests (any other is reported as missing, so ids cannot be probed).
     */
    public Optional<ServiceRequest> find(UUID id, Caller caller) {
        return requests.findByIdOptional(id)
                .filter(found -> !caller.isCustomerOnly() || found.customerReference.equals(caller.customer()));
    }

    private static void requireText(String field, String value, List<FieldViolation> violations) {
        if (value != null && value.isBlank()) {
            violations.add(FieldViolation.body(field, "must not be blank"));
        }
    }
}
