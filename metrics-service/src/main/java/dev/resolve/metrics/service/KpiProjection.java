package dev.resolve.metrics.service;

import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.metrics.domain.Kpi;
import dev.resolve.metrics.persistence.KpiRepository;
import dev.resolve.plumbing.inbox.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

    /** Each logged request counts once in {@code requests_logged} under its channel and type: one update per label pair. */
    public void requestsLogged(List<ReceivedEvent<RequestLogged>> events) {
        Map<Labels, Delta> deltas = new LinkedHashMap<>();
        for (ReceivedEvent<RequestLogged> event : events) {
            RequestLogged request = event.payload();
            deltas.computeIfAbsent(new Labels(request.channel(), request.type()), labels -> new Delta())
                    .add(event.envelope().occurredAt());
        }
        deltas.forEach((labels, delta) -> counters.add(Kpi.REQUESTS_LOGGED, labels.channel(), labels.type(), delta.count, delta.latest));
    }

    /**
     * Each opened case counts in {@code cases_open} under its channel and type, once per case id: a second
     * CaseOpened for the same case (a new event id, not a redelivery) changes nothing. The cases' labels are kept
     * so that CaseClosed, which does not carry them, can take them off the same count.
     */
    public void casesOpened(List<ReceivedEvent<CaseOpened>> events) {
        Set<UUID> tracked = counters.trackOpenedCases(events.stream().map(ReceivedEvent::payload).toList());
        Map<Labels, Delta> deltas = new LinkedHashMap<>();
        for (ReceivedEvent<CaseOpened> event : events) {
            CaseOpened opened = event.payload();
            if (tracked.remove(opened.caseId())) {
                deltas.computeIfAbsent(new Labels(opened.channel(), opened.type()), labels -> new Delta())
                        .add(event.envelope().occurredAt());
            }
        }
        deltas.forEach((labels, delta) -> counters.add(Kpi.CASES_OPEN, labels.channel(), labels.type(), delta.count, delta.latest));
    }

    private record Labels(String channel, String type) {
    }

    /** How much a count grows and the newest event it includes. */
    private static final class Delta {
        long count;
        Instant latest;

        void add(Instant occurredAt) {
            count++;
            latest = latest == null || occurredAt.isAfter(latest) ? occurredAt : latest;
        }
    }
}
