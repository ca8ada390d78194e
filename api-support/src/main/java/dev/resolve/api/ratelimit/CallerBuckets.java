package dev.resolve.api.ratelimit;

import io.quarkiverse.resteasy.problem.HttpProblem;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller, in this instance's memory: each call takes a token; tokens come back at the caller's
 * rate up to the bucket's size. Callers never wait on each other (one bucket each, locked only for its own arithmetic).
 * With several instances behind a load balancer each keeps its own buckets, so the suite-wide limit is the
 * per-instance limit times the instances.
 */
public final class CallerBuckets {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes a token for {@code caller} from a bucket of {@code size} refilled at {@code perSecond}; zero when allowed,
     * otherwise how long until the next token.
     */
    public Duration take(String caller, double perSecond, int size) {
        return buckets.computeIfAbsent(caller, key -> new Bucket(size)).take(perSecond, size, System.nanoTime());
    }

    /** Forgets callers who took nothing for {@code idle}: their buckets are full again and would start full anyway. */
    public void forgetIdle(Duration idle) {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.idleSince(now, idle));
    }

    /** The 429 problem of a refused call, with {@code Retry-After} in whole seconds (at least 1). */
    public static HttpProblem tooMany(URI type, String what, Duration wait) {
        long seconds = Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0));
        return HttpProblem.builder()
                .withStatus(429)
                .withTitle("Too Many Requests")
                .withType(type)
                .withDetail("Too many " + what + " by this caller; retry after " + seconds + " s.")
                .withHeader("Retry-After", seconds)
                .build();
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
