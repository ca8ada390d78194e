package dev.resolve.plumbing.health;

import dev.resolve.plumbing.EventTableMaintenance;
import dev.resolve.plumbing.inbox.ConsumerStates;
import dev.resolve.plumbing.outbox.OutboxRelay;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.time.Instant;

/**
 * The event pipe's own health, at {@code /q/health/well} and in {@code /q/health}, never in readiness: a service
 * whose relay waits for Kafka or whose consumer waits out a database outage still serves what it can.
 */
public final class EventPipeHealth {

    private EventPipeHealth() {
    }

    /** The outbox relay: DOWN while Kafka acknowledges nothing for a few seconds, or when its thread is gone. */
    @Wellness
    @ApplicationScoped
    public static class RelayCheck implements HealthCheck {

        private static final Duration GRACE = Duration.ofSeconds(5);

        private final OutboxRelay relay;
        private final EventTableMaintenance tables;

        public RelayCheck(OutboxRelay relay, EventTableMaintenance tables) {
            this.relay = relay;
            this.tables = tables;
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox relay");
            if (!relay.isEnabled()) {
                return response.up().withData("relay", "off in this service").build();
            }
            response.withData("pending", tables.pending()).withData("parked", tables.parked());
            if (!relay.isRunning()) {
                return response.down().withData("relay", "not running").build();
            }
            OutboxRelay.Outage outage = relay.outage();
            if (outage != null && outage.since().isBefore(Instant.now().minus(GRACE))) {
                return response.down().withData("kafka", "acknowledges nothing since " + outage.since())
                        .withData("error", outage.error()).build();
            }
            return response.up().build();
        }
    }

    /** The consumers: DOWN while one has been waiting out an outage for longer than {@code degraded-after}. */
    @Wellness
    @ApplicationScoped
    public static class ConsumersCheck implements HealthCheck {

        private final ConsumerStates states;

        public ConsumersCheck(ConsumerStates states) {
            this.states = states;
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers");
            var degraded = states.degraded();
            degraded.forEach((consumer, state) ->
                    response.withData(consumer, "retrying since " + state.since() + ": " + state.lastError()));
            return response.status(degraded.isEmpty()).build();
        }
    }
}
