package dev.resolve.contracts.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding (binary mode) and the Resolve extensions.
 * Extension attribute names are lower-case letters only, as CloudEvents requires.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension: the aggregate type (the subject is the aggregate id). */
    public static final String AGGREGATE_TYPE = "ce_aggregatetype";
    /** Extension: correlation id shared by one business flow. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Extension: id of the event or request that caused this event. */
    public static final String CAUSATION_ID = "ce_causationid";
    /** Extension: who caused the event. */
    public static final String ACTOR = "ce_actor";
    /** Extension attribute: the roles the actor acted in, comma-separated; absent for a system actor. */
    public static final String ACTOR_ROLES = "ce_actorroles";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";
    /** Source URI prefix; the producer's name follows. */
    public static final String SOURCE_PREFIX = "/resolve/";

    private CloudEventHeaders() {
    }
}
