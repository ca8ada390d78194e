package dev.resolve.api.ratelimit;

import java.util.Map;

/** A write limit as configured, for limiters built without SmallRye Config. */
record Limits(boolean enabled, double perSecond, int burst, Map<String, Double> rolePerSecond) implements RateLimitConfig {

    /** {@code perSecond} writes a second in bursts of {@code burst}, for every role. */
    static Limits of(double perSecond, int burst) {
        return new Limits(true, perSecond, burst, Map.of());
    }
}
