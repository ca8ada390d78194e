package dev.resolve.plumbing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

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

    /** The topics this service writes to and reads from. */
    Topics topics();

    /** How often processed event ids past their retention are deleted. */
    @WithDefault("1h")
    Duration cleanupInterval();

    /** Settings of the outbox relay. */
    interface Outbox {

        /**
         * Whether this instance relays outbox rows to Kafka. Services that emit events keep it on; services that emit
         * nothing (audit, metrics) switch it off, so they run no relay thread and no producer. Several instances of
         * one service may relay at once.
         */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for rows nothing woke it for (a commit in this instance wakes it at once). */
        @WithDefault("50ms")
        Duration pollInterval();

        /**
         * How long the relay lets rows gather after a commit woke it, so that it sends tens of rows per transaction
         * under load instead of one or two (events still leave within milliseconds).
         */
        @WithDefault("5ms")
        Duration linger();

        /** Most rows claimed by one relay transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * Longest time Kafka may take to acknowledge a send (the producer's delivery timeout); a relay transaction
         * never waits longer than this for one round of sends.
         */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Longest time a send may wait for topic metadata while the broker is unreachable. */
        @WithDefault("3s")
        Duration maxBlock();

        /** Longest wait between attempts while Kafka is unreachable, and between attempts at a failing row. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * Attempts at a row whose own send keeps failing (too large, a topic it may not write) before the row is
         * parked: it is then left alone, counted and listed on the admin API, and its aggregate's later rows wait.
         */
        @WithDefault("5")
        int maxAttempts();

        /** How often the backlog gauges ({@code resolve_outbox_pending}, oldest pending age, parked) are refreshed. */
        @WithDefault("5s")
        Duration backlogRefresh();
    }

    /** Settings of idempotent consumers. */
    interface Inbox {

        /**
         * Attempts at an event whose handler fails while the database is reachable (a defect or bad data, not an
         * outage) before the event goes to the dead-letter topic. Outages are waited out, however long they last.
         */
        @WithDefault("5")
        int maxAttempts();

        /** Wait after the first failed attempt; doubles after each further one. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** Longest wait between attempts. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long a consumer may keep retrying through an outage before health reports it as degraded. */
        @WithDefault("5s")
        Duration degradedAfter();

        /** How long processed event ids are remembered; redeliveries older than this are not recognised. */
        @WithDefault("P30D")
        Duration retention();
    }

    /** Settings of the topics a service creates when they are missing. */
    interface Topics {

        /** Whether the service creates its topics (those it writes, reads and dead-letters to) when they are missing. */
        @WithDefault("true")
        boolean create();

        /** Partitions of a created topic; one aggregate's events always land on one partition. */
        @WithDefault("6")
        int partitions();

        /** Replication factor of a created topic; empty for the broker's default. */
        Optional<Short> replicationFactor();
    }
}
