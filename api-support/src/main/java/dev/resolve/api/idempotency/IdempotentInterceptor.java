package dev.resolve.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The one place Idempotency-Key handling happens: around an {@link Idempotent} resource method it opens (or joins)
 * the transaction, claims the caller's key, runs the method, and stores its answer (status, Location and the body as
 * the JSON text sent) in that transaction; a retry gets that text back with {@code Idempotent-Replayed: true}.
 * Resources contain no idempotency code.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class IdempotentInterceptor {

    /** The request header with the client's key. */
    public static final String HEADER = "Idempotency-Key";

    @Inject
    IdempotentRequests requests;

    @Inject
    ObjectMapper json;

    @Inject
    CurrentVertxRequest request;

    @AroundInvoke
    Object aroundCreate(InvocationContext invocation) {
        Idempotent binding = invocation.getMethod().getAnnotation(Idempotent.class);
        String operation = binding != null && !binding.operation().isEmpty() ? binding.operation()
                : invocation.getMethod().getDeclaringClass().getSimpleName() + "#" + invocation.getMethod().getName();
        Object[] parameters = invocation.getParameters();
        Object body = parameters.length == 0 ? null : parameters[parameters.length - 1];
        String key = request.getCurrent().request().getHeader(HEADER);
        return QuarkusTransaction.joiningExisting().call(() ->
                requests.execute(operation, key, body, () -> store(proceed(invocation))).toResponse());
    }

    private static Response proceed(InvocationContext invocation) {
        try {
            return (Response) invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredResponse store(Response answer) {
        URI location = answer.getLocation();
        try {
            return new StoredResponse(answer.getStatus(), location == null ? null : location.getRawPath(),
                    answer.hasEntity() ? json.writeValueAsString(answer.getEntity()) : null, false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The response could not be written", e);
        }
    }
}
