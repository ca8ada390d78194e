package dev.resolve.api.context;

import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/**
 * Who is calling and which business flow the call belongs to: the correlation id (taken from
 * {@code X-Correlation-Id} or made up) and the actor. Until authentication lands every caller is {@code anonymous}.
 */
@RequestScoped
public class CallContext {

    public static final String ANONYMOUS = "anonymous";

    private String correlationId;

    /** The correlation id of this call; events it causes carry it. */
    public String correlationId() {
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        return correlationId;
    }

    void correlationId(String value) {
        this.correlationId = value;
    }

    /** The acting user or system. */
    public String actor() {
        return ANONYMOUS;
    }
}
