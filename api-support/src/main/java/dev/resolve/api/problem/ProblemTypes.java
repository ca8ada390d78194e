package dev.resolve.api.problem;

import java.net.URI;

/**
 * The {@code type} URIs of Resolve's own problems, so clients can tell them apart without parsing text.
 * Problems without one of these types use {@code about:blank}: the HTTP status says it all.
 */
public final class ProblemTypes {

    /** The Idempotency-Key was used before with a different request body (422). */
    public static final URI IDEMPOTENCY_KEY_REUSED = URI.create("urn:resolve:problem:idempotency-key-reused");
    /** A request with the same Idempotency-Key is still being processed (409). */
    public static final URI IDEMPOTENCY_KEY_IN_FLIGHT = URI.create("urn:resolve:problem:idempotency-key-in-flight");
    /** The request body or parameters are invalid; see {@code violations} (400). */
    public static final URI VALIDATION = URI.create("urn:resolve:problem:validation");
    /** The request body is not valid JSON (400). */
    public static final URI MALFORMED_JSON = URI.create("urn:resolve:problem:malformed-json");

    /** A billing system sent an older version of something than intake holds; see {@code currentVersion} (409). */
    public static final URI STALE_VERSION = URI.create("urn:resolve:problem:stale-version");
    /** The {@code If-Match} or {@code If-None-Match} condition does not hold (412). */
    public static final URI PRECONDITION_FAILED = URI.create("urn:resolve:problem:precondition-failed");

    private ProblemTypes() {
    }
}
