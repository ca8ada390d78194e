package dev.resolve.plumbing.inbox;

import dev.resolve.plumbing.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Whether each consumer is applying events or waiting out an outage, and since when; read by the health check. */
@ApplicationScoped
public class ConsumerStates {

    /** A consumer that has been retrying since {@code since}; {@code lastError} says why. */
    public record Retrying(Instant since, String lastError) {
    }

    private final Map<String, Retrying> retrying = new ConcurrentHashMap<>();
    private final Duration degradedAfter;

    public ConsumerStates(EventsConfig config) {
        this.degradedAfter = config.inbox().degradedAfter();
    }

    void retrying(String consumer, String error) {
        retrying.compute(consumer, (name, current) -> new Retrying(current == null ? Instant.now() : current.since(), error));
    }

    void healthy(String consumer) {
        if (!retrying.isEmpty()) {
            retrying.remove(consumer);
        }
    }

    /** Consumers that have been retrying for longer than {@code resolve.events.inbox.degraded-after}, by name. */
    public Map<String, Retrying> degraded() {
        Instant limit = Instant.now().minus(degradedAfter);
        Map<String, Retrying> degraded = new TreeMap<>();
        retrying.forEach((consumer, state) -> {
            if (state.since().isBefore(limit)) {
                degraded.put(consumer, state);
            }
        });
        return degraded;
    }
}
