package dev.resolve.metrics.domain;

import java.time.Instant;

/**
 * The current KPIs.
 *
 * @param asOf when the newest event included in the projection occurred, or null before the first event
 */
public record KpiTotals(KpiBreakdown requestsLogged, KpiBreakdown casesOpen, Instant asOf) {
}
