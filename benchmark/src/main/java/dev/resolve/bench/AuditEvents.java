package dev.resolve.bench;

import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.security.Roles;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The events of one request as the suite produces them, for the audit phase: the {@code RequestLogged} intake-service
 * publishes on {@code intake.requests} (a billing system's request, with the customer snapshot intake adds) and the
 * {@code CaseOpened} case-service publishes on {@code cases.events} in answer (same correlation id, caused by the
 * RequestLogged, by {@code system:case-service}). Payloads are made from the contracts' payload records, so they are
 * what the services write and valid against their schemas; the values vary like the suite load's
 * ({@link dev.resolve.bench.gatling.RequestBodies}): channel, type, amount, currency, KYC standing.
 */
final class AuditEvents {

    /** The events of one request, in the order the suite produces them, with the topic each travels on. */
    record Pair(EventEnvelope requestLogged, EventEnvelope caseOpened) {

        List<EventEnvelope> inOrder() {
            return List.of(requestLogged, caseOpened);
        }
    }

    /** Events the suite produces (and audit-service records) per logged request: RequestLogged, CaseOpened. */
    static final int EVENTS_PER_REQUEST = 2;

    /** Customer-reference prefix of the audit phase's requests. */
    static final String PREFIX = "AUDIT";

    private static final String REQUEST_LOGGED = EventPayloads.declaration(RequestLogged.class).name();
    private static final String CASE_OPENED = EventPayloads.declaration(CaseOpened.class).name();
    private static final String REQUESTS_ACTOR = "bench-billing-system";
    private static final String CASES_ACTOR = "system:case-service";
    private static final List<String> CHANNELS = List.of("PORTAL", "EMAIL", "SERVICE_DESK");
    private static final List<String> TYPES = List.of("BILLING_DISPUTE", "REFUND", "CREDIT", "WRITE_OFF",
            "INVOICE_CORRECTION", "PAYMENT_QUERY", "SERVICE_ISSUE", "GENERAL_INQUIRY");
    private static final Set<String> FINANCIAL = Set.of("REFUND", "CREDIT", "WRITE_OFF", "INVOICE_CORRECTION");
    private static final Set<String> BILLING_TEAM = Set.of("BILLING_DISPUTE", "REFUND", "CREDIT", "WRITE_OFF",
            "INVOICE_CORRECTION", "PAYMENT_QUERY");
    private static final List<String> TIERS = List.of("STANDARD", "SILVER", "GOLD", "PLATINUM");
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF");
    private static final int CUSTOMERS = 10_000;

    private AuditEvents() {
    }

    /** The topic an event of this class travels on. */
    static String topic(EventEnvelope envelope) {
        return REQUEST_LOGGED.equals(envelope.type()) ? Topics.INTAKE_REQUESTS : Topics.CASES_EVENTS;
    }

    /** The events of the {@code n}th request, logged at {@code at}; its case opened some milliseconds later. */
    static Pair pair(long n, Instant at) {
        Instant logged = at.truncatedTo(ChronoUnit.MICROS);
        Instant opened = logged.plusMillis(40 + n % 20);
        String channel = CHANNELS.get((int) (n % CHANNELS.size()));
        String type = TYPES.get((int) (n % TYPES.size()));
        boolean financial = FINANCIAL.contains(type);
        long customerNumber = n % CUSTOMERS;
        String customer = PREFIX + "-" + customerNumber;
        boolean kycVerified = customerNumber % 2 == 0;
        String invoice = String.format(Locale.ROOT, "INV-2026-%06d", n % 1_000_000);
        Money amount = "GENERAL_INQUIRY".equals(type) ? null : amount(n);
        boolean kycHold = !kycVerified && (financial || "BILLING_DISPUTE".equals(type) && amount != null);
        UUID requestId = UUID.randomUUID();
        String requestNumber = String.format(Locale.ROOT, "SR-%07d", n);
        RequestLogged request = new RequestLogged(requestId, requestNumber, channel, type, customer,
                "Invoice " + invoice + " charges the old price (" + PREFIX + " " + n + ")",
                "The invoice " + invoice + " was issued after the price change but still charges the old monthly fee;"
                        + " please correct it and credit the difference on the next invoice.",
                amount, null, financial, logged, kycHold, kycHold ? "KYC verification is pending" : null, null,
                new RequestLogged.CustomerSnapshot(customer, "Load customer " + PREFIX + " " + customerNumber,
                        "MID_MARKET", TIERS.get((int) (customerNumber % TIERS.size())),
                        kycVerified ? "VERIFIED" : "PENDING", kycVerified ? LocalDate.of(2026, 1, 1) : null,
                        kycVerified ? LocalDate.of(2099, 1, 1) : null, null, new BigDecimal("1.5"), null,
                        Money.parse("50000.00", "EUR"), Money.parse((1000 + customerNumber % 40_000) + ".00", "EUR"),
                        (int) (customerNumber % 20), (int) (customerNumber % 5)),
                null);
        String correlation = UUID.randomUUID().toString();
        EventEnvelope logged1 = new EventEnvelope(UUID.randomUUID(), REQUEST_LOGGED, 1, logged, "intake-service",
                "ServiceRequest", requestId.toString(), correlation, null, REQUESTS_ACTOR, List.of(Roles.BILLING_SYSTEM),
                Json.mapper().valueToTree(request));
        UUID caseId = UUID.randomUUID();
        CaseOpened opened1 = new CaseOpened(caseId, requestId, requestNumber, customer, channel, type, "NEW", amount, null,
                financial, opened, BILLING_TEAM.contains(type) ? "billing" : "service-desk");
        EventEnvelope caseEvent = new EventEnvelope(UUID.randomUUID(), CASE_OPENED, 1, opened, "case-service", "Case",
                caseId.toString(), correlation, logged1.eventId().toString(), CASES_ACTOR, List.of(),
                Json.mapper().valueToTree(opened1));
        return new Pair(logged1, caseEvent);
    }

    /** The versioned type of an event, such as {@code RequestLogged.v1}. */
    static EventTypeName typeName(EventEnvelope envelope) {
        return new EventTypeName(envelope.type(), envelope.schemaVersion());
    }

    private static Money amount(long n) {
        long cents = 100 + (n * 7919) % 99_900;
        return Money.parse(String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100),
                CURRENCIES.get((int) (n % CURRENCIES.size())));
    }
}
