package dev.resolve.api.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind the per-caller write limit, on a clock the test moves. */
class WriteRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstThenOneWritePerInterval() {
        WriteRateLimiter.Bucket bucket = new WriteRateLimiter.Bucket(3);
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
        WriteRateLimiter.Bucket bucket = new WriteRateLimiter.Bucket(2);
        long later = System.nanoTime() + 3600 * SECOND;
        assertThat(bucket.take(1, 2, later)).isZero();
        assertThat(bucket.take(1, 2, later)).isZero();
        assertThat(bucket.take(1, 2, later)).isPositive();
    }

    @Test
    void shouldForgetOnlyIdleBuckets() {
        WriteRateLimiter.Bucket bucket = new WriteRateLimiter.Bucket(2);
        long now = System.nanoTime();
        bucket.take(1, 2, now);
        assertThat(bucket.idleSince(now + 30 * SECOND, Duration.ofMinutes(1))).isFalse();
        assertThat(bucket.idleSince(now + 61 * SECOND, Duration.ofMinutes(1))).isTrue();
    }
}
