package dev.resolve.api.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind the per-caller write limit, on a clock the test moves. */
class WriteRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstThenOneWritePerInterval() {
        CallerBuckets.Bucket bucket = new CallerBuckets.Bucket(3);
        long now = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(2, 3, now)).isZero();
        }
        Duration wait = bucket.take(2, 3, now);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        // Half a second later (2 per second) one more write is allowed, and only one.
        assertThat(bucket.take(2, 3, now + SECOND / 2)).isZero();
        assertThat(bucket.take(2, 3, now + SECOND / 2)).isPositive();
    }

    @Test
    void shouldNeverHoldMoreThanTheBurst() {
        CallerBuckets.Bucket bucket = new CallerBuckets.Bucket(2);
        long later = System.nanoTime() + 3600 * SECOND;
        assertThat(bucket.take(1, 2, later)).isZero();
        assertThat(bucket.take(1, 2, later)).isZero();
        assertThat(bucket.take(1, 2, later)).isPositive();
    }

    @Test
    void shouldForgetOnlyIdleBuckets() {
        CallerBuckets.Bucket bucket = new CallerBuckets.Bucket(2);
        long now = System.nanoTime();
        bucket.take(1, 2, now);
        assertThat(bucket.idleSince(now + 30 * SECOND, Duration.ofMinutes(1))).isFalse();
        assertThat(bucket.idleSince(now + 61 * SECOND, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void shouldGiveEveryCallerTheirOwnBucket() {
        WriteRateLimiter limiter = new WriteRateLimiter(Limits.of(1, 2));

        assertThat(limiter.acquire("alice", List.of())).isZero();
        assertThat(limiter.acquire("alice", List.of())).isZero();
        assertThat(limiter.acquire("alice", List.of())).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.acquire("bob", List.of())).isZero();
    }

    @Test
    void shouldGiveTheHighestRateOfTheCallersRolesAndABurstOfTwiceThat() {
        WriteRateLimiter limiter = new WriteRateLimiter(new Limits(true, 0.5, 1,
                Map.of("billing-system", 2.0, "importer", 1.0, "agent", 0.1)));
        List<String> roles = List.of("agent", "billing-system", "importer");

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("billing", roles)).as("write %d", i + 1).isZero();
        }
        assertThat(limiter.acquire("billing", roles)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldKeepTheDefaultForRolesWithALowerRate() {
        WriteRateLimiter limiter = new WriteRateLimiter(new Limits(true, 1, 1, Map.of("agent", 0.1)));

        assertThat(limiter.acquire("agent", List.of("agent"))).isZero();
        assertThat(limiter.acquire("agent", List.of("agent"))).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldNotLimitWhenDisabled() {
        WriteRateLimiter limiter = new WriteRateLimiter(new Limits(false, 1, 1, Map.of()));

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire("alice", List.of())).isZero();
        }
    }
}
