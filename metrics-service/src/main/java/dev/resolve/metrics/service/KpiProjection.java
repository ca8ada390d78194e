package dev.resolve.metrics.service;

import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.metrics.domain.Kpi;
import dev.resolve.metrics.persistence.KpiRepository;
import dev.resolve.plumbing.inbox.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How each event changes the KPIs. Every method runs inside the inbox's transaction, which also records the event
 * as processed: the change is made exactly once, however often the event is delivered.
 */
@ApplicationScoped
public class KpiProjection {

    private final KpiRepository counters;

    public KpiProjection(KpiRepository counters) {
        this.counters = counters;
    }

    /** A logged request counts once in {@code requests_logged} under its channel and type. */
    public void requestLogged(ReceivedEvent<RequestLogged> event) {
        RequestLogged request = event.payload();
        counters.add(Kpi.REQUESTS_LOGGED, request.channel(), request.type(), 1, event.envelope().occurredAt());
    }

    /**
     * An opened case counts in {@code cases_open} under its channel and type, once per case id: a second
     * CaseOpened for the same case (a new event id, not a redelivery) changes nothing. The case's labels are kept
     * so that CaseClosed, which does not carry them, can take it off the same count.
     */
    public void caseOpened(ReceivedEvent<CaseOpened> event) {
        CaseOpened opened = event.payload();
        if (counters.trackOpenedCase(opened.caseId(), opened.channel(), opened.type(), opened.openedAt())) {
            counters.add(Kpi.CASES_OPEN, opened.channel(), opened.type(), 1, event.envelope().occurredAt());
        }
    }
}
