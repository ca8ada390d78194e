package dev.resolve.api.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The answer to a creating request, as sent the first time and replayed for retries with the same
 * Idempotency-Key.
 *
 * @param body the JSON text of the response body
 * @param replayed whether this is a replay of an earlier answer
 */
public record StoredResponse(int status, String location, String body, boolean replayed) {

    /** Header set on replayed answers. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    StoredResponse asReplay() {
        return new StoredResponse(status, location, body, true);
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (location != null) {
            builder.location(URI.create(location));
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
