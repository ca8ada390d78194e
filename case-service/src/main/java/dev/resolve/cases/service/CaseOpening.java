package dev.resolve.cases.service;

import dev.resolve.cases.domain.CaseStatus;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.cases.persistence.CaseRepository;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.inbox.ReceivedEvent;
import dev.resolve.plumbing.outbox.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Opens one case per logged request and announces it. */
@ApplicationScoped
public class CaseOpening {

    static final String ACTOR = EventMetadata.systemActor("case-service");

    private final CaseRepository cases;
    private final EventPublisher events;
    private final RoutingConfig routing;

    public CaseOpening(CaseRepository cases, EventPublisher events, RoutingConfig routing) {
        this.cases = cases;
        this.events = events;
        this.routing = routing;
    }

    /**
     * Opens a NEW case for each logged request and writes CaseOpened to the outbox, in the caller's transaction, with
     * one query for the whole run of events. A request that already has a case (the same request announced again
     * under another event id) opens nothing.
     *
     * @return the cases opened, in the order of the events
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ServiceCase> openAll(List<ReceivedEvent<RequestLogged>> events) {
        Set<UUID> withCase = cases.requestsWithCases(events.stream().map(event -> event.payload().requestId()).toList());
        List<ServiceCase> opened = new ArrayList<>(events.size());
        for (ReceivedEvent<RequestLogged> event : events) {
            RequestLogged request = event.payload();
            if (!withCase.add(request.requestId())) {
                Log.infof("Request %s already has a case; event %s opens nothing", request.requestNumber(), event.envelope().eventId());
                continue;
            }
            opened.add(open(event));
        }
        return opened;
    }

    private ServiceCase open(ReceivedEvent<RequestLogged> event) {
        RequestLogged request = event.payload();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ServiceCase opened = new ServiceCase();
        opened.id = UUID.randomUUID();
        opened.requestId = request.requestId();
        opened.requestNumber = request.requestNumber();
        opened.customerReference = request.customerReference();
        opened.channel = request.channel();
        opened.type = request.type();
        opened.subject = request.subject();
        opened.status = CaseStatus.NEW;
        opened.team = routing.teamFor(request.type());
        opened.financial = request.financial();
        if (request.disputedAmount() != null) {
            opened.disputedAmount = request.disputedAmount().amount();
            opened.disputedCurrency = request.disputedAmount().currency();
        }
        opened.invoiceNumber = request.invoiceNumber();
        opened.openedAt = now;
        opened.updatedAt = now;
        cases.persist(opened);

        events.publish(opened.id.toString(), new CaseOpened(opened.id, opened.requestId, opened.requestNumber,
                opened.customerReference, opened.channel, opened.type, opened.status.name(),
                request.disputedAmount() == null ? null : new Money(request.disputedAmount().amount(), request.disputedAmount().currency()),
                opened.invoiceNumber, opened.financial, opened.openedAt, opened.team), EventMetadata.causedBy(event.envelope(), ACTOR));
        return opened;
    }
}
