package dev.resolve.contracts.events;

/**
 * The aggregates that emit events, each with the topic its events go to (keyed by aggregate id). Invoices, contracts
 * and disputes are billing systems' aggregates: their events come in from outside the suite.
 */
public enum Aggregate {
    SERVICE_REQUEST("ServiceRequest", Topics.INTAKE_REQUESTS),
    CASE("Case", Topics.CASES_EVENTS),
    APPROVAL_REQUEST("ApprovalRequest", Topics.APPROVALS_EVENTS),
    /** A billing system's invoice, keyed by invoice number. */
    INVOICE("Invoice", Topics.BILLING_INVOICES),
    /** A billing system's contract, keyed by contract id; it shares its topic with invoices. */
    CONTRACT("Contract", Topics.BILLING_INVOICES),
    /** A billing system's dispute, keyed by {@code <sourceSystem>:<externalDisputeId>}. */
    DISPUTE("Dispute", Topics.BILLING_DISPUTES),
    /** Intake's verdict on a billing system's dispute, keyed like the dispute. */
    DISPUTE_RESULT("DisputeResult", Topics.BILLING_DISPUTE_RESULTS),
    /** The one audit chain of the suite, kept by audit-service; keyed by {@code audit-chain}. */
    AUDIT_CHAIN("AuditChain", Topics.AUDIT_CHECKPOINTS);

    private final String typeName;
    private final String topic;

    Aggregate(String typeName, String topic) {
        this.typeName = typeName;
        this.topic = topic;
    }

    /** The {@code aggregateType} written into envelopes. */
    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }
}
