package dev.resolve.metrics.api;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.testing.TestEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Events as intake-service and case-service emit them. */
final class Events {

    private static final List<String> FINANCIAL = List.of("REFUND", "CREDIT", "WRITE_OFF", "INVOICE_CORRECTION");

    private Events() {
    }

    static RequestLogged requestLogged(String channel, String type) {
        return new RequestLogged(UUID.randomUUID(), requestNumber(), channel, type, "CUST-1001",
                "Subject " + UUID.randomUUID(), "A description.", null, null, FINANCIAL.contains(type), Instant.now());
    }

    static CaseOpened caseOpened(UUID caseId, String channel, String type) {
        return new CaseOpened(caseId, UUID.randomUUID(), requestNumber(), "CUST-1001", channel, type, "NEW", null, null,
                FINANCIAL.contains(type), Instant.now(), "billing");
    }

    /** Publishes a RequestLogged keyed by its request id. */
    static EventEnvelope logRequest(String channel, String type) {
        RequestLogged payload = requestLogged(channel, type);
        return TestEvents.publish(payload, payload.requestId().toString());
    }

    /** Publishes a CaseOpened for a new case, keyed by the case id. */
    static EventEnvelope openCase(String channel, String type) {
        UUID caseId = UUID.randomUUID();
        return TestEvents.publish(caseOpened(caseId, channel, type), caseId.toString());
    }

    private static String requestNumber() {
        return String.format("SR-%06d", ThreadLocalRandom.current().nextInt(1, 1_000_000));
    }
}
