package dev.resolve.intake.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the tests. */
final class Requests {

    private Requests() {
    }

    /** A complete, valid billing dispute with a unique subject. */
    static Map<String, Object> dispute() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "PORTAL");
        body.put("customerReference", "CUST-1001");
        body.put("type", "BILLING_DISPUTE");
        body.put("subject", "Invoice charges the old price " + UUID.randomUUID());
        body.put("description", "The March invoice uses last year's price list.");
        body.put("disputedAmount", new LinkedHashMap<>(Map.of("amount", "1250.00", "currency", "EUR")));
        body.put("invoiceNumber", "INV-2026-0042");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    static Map<String, Object> withAmount(String amount, String currency) {
        return with(dispute(), "disputedAmount", new LinkedHashMap<>(Map.of("amount", amount, "currency", currency)));
    }
}
