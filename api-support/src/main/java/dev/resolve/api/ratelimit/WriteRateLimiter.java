package dev.resolve.api.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller, in this instance's memory: each write takes a token; tokens come back at the caller's
 * rate up to the bucket's size. Callers never wait on each other (one bucket each, locked only for its own arithmetic).
 * With several instances behind a load balancer each keeps its own buckets, so the suite-wide limit is the
 * per-instance limit times the instances.
 */
@ApplicationScoped
public class WriteRateLimiter {

    private final RateLimitConfig config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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
        double finalRate = rate;
        int finalSize = size;
        return buckets.computeIfAbsent(caller, key -> new Bucket(finalSize)).take(finalRate, finalSize, System.nanoTime());
    }

    /** Forgets callers whose buckets are full again: they would start full anyway. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleCallers() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.idleSince(now, Duration.ofMinutes(1)));
    }

    static final class Bucket {

        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int size) {
            this.tokens = size;
        }

        synchronized Duration take(double rate, int size, long now) {
            tokens = Math.min(size, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
        }

        synchronized boolean idleSince(long now, Duration idle) {
            return now - refilledAt > idle.toNanos();
        }
    }
}
