package dev.resolve.intake.domain;

/** What the customer asks for; financial types ask for money to move and later need an approval. */
public enum RequestType {
    BILLING_DISPUTE(false),
    REFUND(true),
    CREDIT(true),
    WRITE_OFF(true),
    INVOICE_CORRECTION(true),
    PAYMENT_QUERY(false),
    SERVICE_ISSUE(false),
    GENERAL_INQUIRY(false);

    private final boolean financial;

    RequestType(boolean financial) {
        this.financial = financial;
    }

    /** Whether the request asks for money to move (refund, credit, write-off, invoice correction). */
    public boolean financial() {
        return financial;
    }
}
