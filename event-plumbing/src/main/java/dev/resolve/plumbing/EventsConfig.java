package dev.resolve.plumbing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of the event plumbing ({@code resolve.events.*}). */
@ConfigMapping(prefix = "resolve.events")
public interface EventsConfig {

    /** The producer name written into envelopes and CloudEvents sources. */
    @WithDefault("${quarkus.application.name}")
    String producer();

    /** The outbox relay. */
    Outbox outbox();

    /** Idempotent consumers. */
    Inbox inbox();

    /** How often published outbox rows and old inbox records are deleted. */
    @WithDefault("1h")
    Duration cleanupInterval();

    /** Settings of the outbox relay. */
    interface Outbox {

        /** Whether this instance relays outbox rows to Kafka. Several instances may relay at once. */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for rows when nothing woke it up (commits in this instance wake it at once). */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Most rows published in one relay transaction. */
        @WithDefault("200")
        int batchSize();

        /** How long Kafka may take to acknowledge a batch before the rows are retried. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Longest wait between attempts while Kafka is unreachable. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** How often the backlog gauges ({@code resolve_outbox_pending}, oldest pending age) are refreshed. */
        @WithDefault("10s")
        Duration backlogRefresh();

        /** How long published rows are kept before clean-up deletes them. */
        @WithDefault("P7D")
        Duration retention();
    }

    /** Settings of idempotent consumers. */
    interface Inbox {

        /** Attempts at a handler that keeps failing before the event goes to the dead-letter topic. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failed attempt; doubles after each further one. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** Longest wait between attempts. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** How long processed event ids are remembered; redeliveries older than this are not recognised. */
        @WithDefault("P30D")
        Duration retention();
    }
}
