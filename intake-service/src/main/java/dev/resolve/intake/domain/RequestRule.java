package dev.resolve.intake.domain;

import java.net.URI;

/**
 * The rules a request must keep beyond its own fields, in the order they are checked. The API answers a broken rule
 * with the rule's problem type and status; a dispute that breaks one is recorded as rejected with the rule.
 */
public enum RequestRule {
    UNKNOWN_CUSTOMER("unknown-customer", "UNKNOWN_CUSTOMER", 422),
    UNKNOWN_INVOICE("unknown-invoice", "UNKNOWN_INVOICE", 422),
    INVOICE_NOT_CUSTOMERS("invoice-not-customers", "INVOICE_NOT_OF_CUSTOMER", 422),
    INVOICE_CANCELLED("invoice-cancelled", "INVOICE_CANCELLED", 422),
    CURRENCY_MISMATCH("currency-mismatch", "CURRENCY_MISMATCH", 422),
    AMOUNT_EXCEEDS_OPEN_AMOUNT("amount-exceeds-open-amount", "AMOUNT_EXCEEDS_OPEN_AMOUNT", 422),
    DUPLICATE_REQUEST("duplicate-request", "DUPLICATE_REQUEST", 409);

    private final URI type;
    private final String reasonCode;
    private final int status;

    RequestRule(String slug, String reasonCode, int status) {
        this.type = URI.create("urn:resolve:problem:" + slug);
        this.reasonCode = reasonCode;
        this.status = status;
    }

    /** The problem type the API answers, and a rejected dispute's {@code rule}. */
    public URI type() {
        return type;
    }

    /** The code {@code RequestRejected} carries. */
    public String reasonCode() {
        return reasonCode;
    }

    /** 422, or 409 for a duplicate of an open request. */
    public int status() {
        return status;
    }
}
