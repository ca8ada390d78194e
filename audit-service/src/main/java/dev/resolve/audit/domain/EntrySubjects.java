package dev.resolve.audit.domain;

/**
 * What an entry is about, for searching the trail: the case and the service request (the event's own aggregate, or
 * the payload's {@code caseId} / {@code requestId}) and the customer (the payload's {@code customerReference}). Derived
 * from the hashed content only, so verification can recompute it and compare it with the stored columns.
 */
public record EntrySubjects(String caseId, String requestId, String customerReference) {

    static final String CASE = "Case";
    static final String SERVICE_REQUEST = "ServiceRequest";

    /**
     * The subjects of an event of {@code aggregateType}/{@code aggregateId} whose payload has the given top-level
     * text members (null when absent or not text).
     */
    public static EntrySubjects of(String aggregateType, String aggregateId, String payloadCaseId, String payloadRequestId,
            String payloadCustomerReference) {
        return new EntrySubjects(
                CASE.equals(aggregateType) ? aggregateId : payloadCaseId,
                SERVICE_REQUEST.equals(aggregateType) ? aggregateId : payloadRequestId,
                payloadCustomerReference);
    }
}
