package dev.resolve.api.context;

import dev.resolve.api.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Who is calling and which business flow the call belongs to: the correlation id (taken from
 * {@code X-Correlation-Id} or made up) and the caller, from the verified bearer token.
 */
@RequestScoped
public class CallContext {

    public static final String ANONYMOUS = "anonymous";

    @Inject
    SecurityIdentity identity;

    private String correlationId;
    private Caller caller;

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

    /** The caller: the token's subject, display name, roles, team and customer (anonymous without a token). */
    public Caller caller() {
        if (caller == null) {
            caller = identity == null || identity.isAnonymous() ? Caller.ANONYMOUS : Caller.of(identity);
        }
        return caller;
    }

    /** The acting user (the token's subject), as events and audit entries record it. */
    public String actor() {
        return caller().subject();
    }
}
