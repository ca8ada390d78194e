package dev.resolve.intake.api;

import io.restassured.http.ContentType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;

/** Customers, invoices and contracts put through the API for the tests, each with references of its own. */
final class ReferenceData {

    private ReferenceData() {
    }

    /** A customer and one of its invoices (EUR, 5000.00 billed, 4800.00 open). */
    record Account(String customer, String invoice) {
    }

    /** A new VERIFIED GOLD customer with an open EUR invoice. */
    static Account account() {
        String customer = customer(kyc("VERIFIED", "2025-06-30", "2099-06-30"));
        return new Account(customer, invoice(customer, "OPEN", "5000.00", "4800.00", "EUR"));
    }

    /** A new customer with {@code kyc} as its KYC standing; returns its reference. */
    static String customer(Map<String, Object> kyc) {
        String reference = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        putCustomer(reference, customerBody(kyc));
        return reference;
    }

    /** Makes sure customer {@code reference} exists (VERIFIED) and has an invoice of its own; returns that invoice. */
    static String invoiceOf(String reference) {
        putCustomer(reference, customerBody(kyc("VERIFIED", "2025-06-30", "2099-06-30")));
        return invoice(reference, "OPEN", "5000.00", "4800.00", "EUR");
    }

    static void putCustomer(String reference, Map<String, Object> body) {
        asStaff().contentType(ContentType.JSON).body(body).put("/api/v1/customers/" + reference)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    static Map<String, Object> customerBody(Map<String, Object> kyc) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Nordlicht Logistik GmbH");
        body.put("segment", "MID_MARKET");
        body.put("tier", "GOLD");
        body.put("kyc", kyc);
        body.put("risk", Map.of("creditLimit", money("50000.00", "EUR"), "currentExposure", money("18400.00", "EUR"),
                "dscr", "1.85", "averageDaysBeyondTerms", 3, "latePaymentsLast12Months", 1));
        body.put("preferredChannel", "EMAIL");
        body.put("contacts", List.of(Map.of("name", "Jana Vogt", "email", "j.vogt@nordlicht.example")));
        return body;
    }

    static Map<String, Object> kyc(String status, String verifiedOn, String expiresOn) {
        Map<String, Object> kyc = new LinkedHashMap<>();
        kyc.put("status", status);
        kyc.put("verifiedOn", verifiedOn);
        kyc.put("expiresOn", expiresOn);
        return kyc;
    }

    /** A new invoice of {@code customer} at version 1; returns its number. */
    static String invoice(String customer, String status, String total, String open, String currency) {
        String number = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        asStaff().contentType(ContentType.JSON).body(invoiceBody(customer, status, total, open, currency, 1))
                .put("/api/v1/invoices/" + number).then().statusCode(201);
        return number;
    }

    static Map<String, Object> invoiceBody(String customer, String status, String total, String open, String currency,
            long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerReference", customer);
        body.put("issuedOn", "2026-10-31");
        body.put("dueOn", "2026-11-30");
        body.put("currency", currency);
        body.put("total", money(total, currency));
        body.put("openAmount", money(open, currency));
        body.put("status", status);
        body.put("lines", List.of(Map.of("description", "Linehaul October", "quantity", "1",
                "unitPrice", money(total, currency), "amount", money(total, currency))));
        body.put("version", version);
        return body;
    }

    static Map<String, Object> money(String amount, String currency) {
        return new LinkedHashMap<>(Map.of("amount", amount, "currency", currency));
    }
}
