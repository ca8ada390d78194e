package dev.resolve.cases.service;

import dev.resolve.cases.config.RoutingConfig;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.cases.mapping.CaseEvents;
import dev.resolve.cases.persistence.CaseRepository;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.inbox.ReceivedEvent;
import dev.resolve.plumbing.outbox.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
        ServiceCase opened = ServiceCase.open(CaseEvents.request(event.payload()), routing.teamFor(event.payload().type()));
        cases.persist(opened);
        events.publish(opened.id().toString(), CaseEvents.opened(opened), EventMetadata.causedBy(event.envelope(), ACTOR));
        return opened;
    }
}
