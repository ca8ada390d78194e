package dev.resolve.api.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** How many writes (POST, PUT, PATCH, DELETE under /api) each caller may make: {@code resolve.rate-limit.*}. */
@ConfigMapping(prefix = "resolve.rate-limit")
public interface RateLimitConfig {

    /** Whether writes are limited at all. */
    @WithDefault("true")
    boolean enabled();

    /** Sustained writes per second a caller may make. */
    @WithDefault("10")
    double perSecond();

    /** Writes a caller may make at once after being idle (the bucket's size). */
    @WithDefault("20")
    int burst();

    /**
     * Higher rates for roles whose callers are systems, e.g. {@code resolve.rate-limit.role-per-second.billing-system=200}:
     * a caller gets the highest rate of their roles, and a burst of twice that.
     */
    Map<String, Double> rolePerSecond();
}
