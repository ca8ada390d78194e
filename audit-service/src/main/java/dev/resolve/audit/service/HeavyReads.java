package dev.resolve.audit.service;

import dev.resolve.api.ratelimit.CallerBuckets;
import dev.resolve.audit.config.AuditConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;

/**
 * The per-caller limit of the reads that walk the whole chain (verify, export, signing on demand): a caller over
 * {@code resolve.audit.heavy-reads.*} gets 429 with {@code Retry-After} and nothing is read.
 */
@ApplicationScoped
public class HeavyReads {

    /** The problem type of a refused expensive read. */
    public static final URI TOO_MANY_HEAVY_READS = URI.create("urn:resolve:problem:too-many-audit-reads");

    private final CallerBuckets buckets = new CallerBuckets();
    private final double perSecond;
    private final int burst;

    public HeavyReads(AuditConfig config) {
        this.perSecond = config.heavyReads().perMinute() / 60.0;
        this.burst = config.heavyReads().burst();
    }

    /** Takes one of {@code caller}'s expensive reads, or throws the 429 problem when none is left. */
    public void take(String caller) {
        Duration wait = buckets.take(caller, perSecond, burst);
        if (!wait.isZero()) {
            throw CallerBuckets.tooMany(TOO_MANY_HEAVY_READS, "verifications and exports", wait);
        }
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleCallers() {
        buckets.forgetIdle(Duration.ofMinutes(10));
    }
}
