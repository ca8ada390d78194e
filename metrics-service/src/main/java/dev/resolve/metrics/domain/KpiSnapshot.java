package dev.resolve.metrics.domain;

import java.time.Instant;
import java.util.List;

/**
 * Every count of the projection as read in one statement.
 *
 * @param counts ordered by KPI, channel and type
 * @param asOf when the newest event included occurred, or null before the first event
 */
public record KpiSnapshot(List<KpiCount> counts, Instant asOf) {
}
