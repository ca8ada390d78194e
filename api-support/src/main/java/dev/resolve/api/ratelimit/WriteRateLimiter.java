package dev.resolve.api.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;

/**
 * The write limit: a token bucket per caller ({@link CallerBuckets}) at the caller's rate, the highest of the
 * configured rate and their roles' rates.
 */
@ApplicationScoped
public class WriteRateLimiter {

    private final RateLimitConfig config;
    private final CallerBuckets buckets = new CallerBuckets();

    public WriteRateLimiter(RateLimitConfig config) {
        this.config = config;
    }

    /** Takes a token for {@code caller}; empty when allowed, otherwise how long until the next token. */
    public Duration acquire(String caller, Collection<String> roles) {
        if (!config.enabled()) {
            return Duration.ZERO;
        }
        double rate = config.perSecond();
        int size = config.burst();
        for (String role : roles) {
            Double roleRate = config.rolePerSecond().get(role);
            if (roleRate != null && roleRate > rate) {
                rate = roleRate;
                size = (int) Math.max(size, Math.ceil(roleRate * 2));
            }
        }
        return buckets.take(caller, rate, size);
    }

    /** Forgets callers whose buckets are full again: they would start full anyway. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleCallers() {
        buckets.forgetIdle(Duration.ofMinutes(1));
    }
}
