package dev.resolve.contracts.vocabulary;

/**
 * The codes that services and their clients share: each has one source, here. The OpenAPI documents and event schemas
 * that name a channel, a request type, an adjustment type, a customer tier, a KYC status or an invoice status list
 * exactly these constants ({@code VocabularyTest} checks every document). They are nested so that code mapping them to the generated API beans of the same name can
 * say {@code Vocabulary.Channel} next to the bean's {@code Channel}.
 */
public final class Vocabulary {

    private Vocabulary() {
    }

    /** Where a service request came in; {@code BILLING_SYSTEM} only for disputes that billing systems post. */
    public enum Channel {
        PORTAL, EMAIL, SERVICE_DESK, BILLING_SYSTEM
    }

    /** What a customer asks for; financial types ask for money to move and need an approval. */
    public enum RequestType {
        BILLING_DISPUTE(null),
        REFUND(AdjustmentType.REFUND),
        CREDIT(AdjustmentType.CREDIT),
        WRITE_OFF(AdjustmentType.WRITE_OFF),
        INVOICE_CORRECTION(AdjustmentType.INVOICE_CORRECTION),
        PAYMENT_QUERY(null),
        SERVICE_ISSUE(null),
        GENERAL_INQUIRY(null);

        private final AdjustmentType adjustment;

        RequestType(AdjustmentType adjustment) {
            this.adjustment = adjustment;
        }

        /** Whether the request asks for money to move (refund, credit, write-off, invoice correction). */
        public boolean financial() {
            return adjustment != null;
        }

        /** The adjustment that resolving such a request makes, or null for a request that moves no money. */
        public AdjustmentType adjustment() {
            return adjustment;
        }
    }

    /** The financial adjustments that need authorization. */
    public enum AdjustmentType {
        REFUND, CREDIT, WRITE_OFF, INVOICE_CORRECTION
    }

    /** A customer's service tier in the customer master, lowest first. */
    public enum CustomerTier {
        STANDARD, SILVER, GOLD, PLATINUM
    }

    /** Where a customer's know-your-customer check stands; a status whose expiry date has passed reads EXPIRED. */
    public enum KycStatus {
        VERIFIED, PENDING, EXPIRED, REJECTED
    }

    /** Where an invoice stands in the billing system. */
    public enum InvoiceStatus {
        OPEN, PARTIALLY_PAID, PAID, CANCELLED
    }

    /**
     * The constant of {@code type} with the name of {@code value} (a generated API bean's enum, or another
     * vocabulary's), or null for null.
     *
     * @throws IllegalArgumentException when {@code type} has no such constant
     */
    public static <E extends Enum<E>> E as(Enum<?> value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }
}
