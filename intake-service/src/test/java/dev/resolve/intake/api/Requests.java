package dev.resolve.intake.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies for the tests. */
final class Requests {

    private Requests() {
    }

    /**
     * A complete, valid billing dispute with a unique subject, of a new customer on one of its invoices (both put
     * through the API), so that it keeps every rule of logging.
     */
    static Map<String, Object> dispute() {
        ReferenceData.Account account = ReferenceData.account();
        return disputeOn(account.customer(), account.invoice());
    }

    /** A valid billing dispute of {@code customer} (made to exist, with an invoice of its own). */
    static Map<String, Object> disputeFor(String customer) {
        return disputeOn(customer, ReferenceData.invoiceOf(customer));
    }

    /**
     * A billing dispute of 1250.00 EUR of {@code customer} (which the test made exist) that names no invoice: it is
     * checked against no invoice, and any number of them may be open at once.
     */
    static Map<String, Object> disputeWithoutInvoice(String customer) {
        return without(disputeOn(customer, null), "invoiceNumber");
    }

    /** A billing dispute of 1250.00 EUR of {@code customer} on {@code invoice}, which the test made exist. */
    static Map<String, Object> disputeOn(String customer, String invoice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "PORTAL");
        body.put("customerReference", customer);
        body.put("type", "BILLING_DISPUTE");
        body.put("subject", "Invoice charges the old price " + UUID.randomUUID());
        body.put("description", "The March invoice uses last year's price list.");
        body.put("disputedAmount", new LinkedHashMap<>(Map.of("amount", "1250.00", "currency", "EUR")));
        body.put("invoiceNumber", invoice);
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

    /** A dispute of {@code amount} in {@code currency} naming no invoice (so no invoice currency applies). */
    static Map<String, Object> withAmount(String amount, String currency) {
        return with(disputeWithoutInvoice(ReferenceData.account().customer()), "disputedAmount",
                new LinkedHashMap<>(Map.of("amount", amount, "currency", currency)));
    }
}
