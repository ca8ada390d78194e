package dev.resolve.plumbing;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.json.Json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Payloads and envelopes for the plumbing tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static RequestLogged requestLogged(UUID requestId, String subject) {
        return new RequestLogged(requestId, "SR-000001", "PORTAL", "GENERAL_INQUIRY", "CUST-1", subject,
                "a test request", null, null, false, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static EventEnvelope envelope(UUID eventId, RequestLogged payload) {
        return new EventEnvelope(eventId, "RequestLogged", 1, Instant.now(), "test-producer", "ServiceRequest",
                payload.requestId().toString(), "corr-" + eventId, null, "test", Json.mapper().valueToTree(payload));
    }
}
