package dev.resolve.contracts.events;

/** Kafka topic names, one per aggregate type; documented in {@code asyncapi/resolve-events.yaml}. */
public final class Topics {

    /** ServiceRequest events from intake-service. */
    public static final String INTAKE_REQUESTS = "intake.requests";
    /** Case events from case-service. */
    public static final String CASES_EVENTS = "cases.events";
    /** ApprovalRequest events from approval-service. */
    public static final String APPROVALS_EVENTS = "approvals.events";
    /** Invoice, payment and contract events published by billing systems (inbound; consumed by intake-service). */
    public static final String BILLING_INVOICES = "billing.invoices";
    /** Dispute events posted by billing systems (inbound; consumed by intake-service). */
    public static final String BILLING_DISPUTES = "billing.disputes";
    /** Intake's verdict on disputes it rejected, for billing systems (outbound, from intake-service). */
    public static final String BILLING_DISPUTE_RESULTS = "billing.dispute-results";
    /** Signed checkpoints of the audit chain, for auditors and archives (outbound, from audit-service). */
    public static final String AUDIT_CHECKPOINTS = "audit.checkpoints";
    /** Approved adjustments for billing systems to execute (outbound). */
    public static final String BILLING_ADJUSTMENTS = "billing.adjustments";

    /** The dead-letter topic of a consuming service: {@code <service>.dlq}. */
    public static String deadLetter(String service) {
        return service + ".dlq";
    }

    private Topics() {
    }
}
