package dev.resolve.contracts.events;

/** The aggregates that emit events, each with the topic its events go to (keyed by aggregate id). */
public enum Aggregate {
    SERVICE_REQUEST("ServiceRequest", Topics.INTAKE_REQUESTS),
    CASE("Case", Topics.CASES_EVENTS),
    APPROVAL_REQUEST("ApprovalRequest", Topics.APPROVALS_EVENTS);

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
