package dev.resolve.api.context;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads {@code X-Correlation-Id} (1 to 100 of {@code A-Z a-z 0-9 . _ : -}; anything else is replaced by a new
 * UUID), puts it in the log context as {@code correlationId}, and returns it on every response.
 */
public class CorrelationIdFilters {

    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final CallContext context;

    public CorrelationIdFilters(CallContext context) {
        this.context = context;
    }

    @ServerRequestFilter(preMatching = true)
    public void readCorrelationId(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String correlationId = given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        context.correlationId(correlationId);
        MDC.put("correlationId", correlationId);
    }

    @ServerResponseFilter
    public void writeCorrelationId(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, context.correlationId());
    }
}
