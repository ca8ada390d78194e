package dev.resolve.metrics.domain;

/** One row of the projection: the value of {@code kpi} for requests of {@code channel} and {@code type}. */
public record KpiCount(Kpi kpi, String channel, String type, long value) {
}
