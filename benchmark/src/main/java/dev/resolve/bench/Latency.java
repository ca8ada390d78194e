package dev.resolve.bench;

import java.util.Arrays;

/** Percentiles of durations in milliseconds, where values that never happened count as not reached. */
record Latency(long count, long reached, Double p50, Double p95, Double p99, Double p999, Double max, Double mean) {

    // reached of count values were observed; the others never happened within the run and count as longer than any
    // observed one, so a percentile that falls among them is null.

    static final Latency NONE = new Latency(0, 0, null, null, null, null, null, null);

    /** Percentiles (nearest rank) of {@code valuesMs}, with {@code unreached} more values that never happened. */
    static Latency of(double[] valuesMs, long unreached) {
        double[] sorted = valuesMs.clone();
        Arrays.sort(sorted);
        long count = sorted.length + unreached;
        if (count == 0) {
            return NONE;
        }
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Latency(count, sorted.length, rank(sorted, count, 0.50), rank(sorted, count, 0.95),
                rank(sorted, count, 0.99), rank(sorted, count, 0.999),
                unreached == 0 && sorted.length > 0 ? sorted[sorted.length - 1] : null,
                sorted.length == 0 ? null : sum / sorted.length);
    }

    private static Double rank(double[] sorted, long count, double quantile) {
        long rank = (long) Math.ceil(quantile * count);
        int index = (int) Math.max(0, rank - 1);
        return index < sorted.length ? sorted[index] : null;
    }
}
