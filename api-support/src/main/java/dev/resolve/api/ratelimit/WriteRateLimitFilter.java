package dev.resolve.api.ratelimit;

import dev.resolve.api.security.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Limits writes under {@code /api} per caller (the token's subject); a caller over the limit gets 429 problem+json with
 * {@code Retry-After} (whole seconds) and nothing is done. Reads are not limited. Calls without a valid token are
 * left to the security checks (401).
 */
public class WriteRateLimitFilter {

    /** The problem type of a refused write. */
    public static final URI TOO_MANY_WRITES = URI.create("urn:resolve:problem:too-many-writes");
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final WriteRateLimiter limiter;
    private final CurrentIdentityAssociation identities;

    public WriteRateLimitFilter(WriteRateLimiter limiter, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> limitWrites(ContainerRequestContext request) {
        if (READS.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                return null;
            }
            Duration wait = limiter.acquire(Caller.of(identity).subject(), identity.getRoles());
            if (wait.isZero()) {
                return null;
            }
            throw CallerBuckets.tooMany(TOO_MANY_WRITES, "writes", wait);
        });
    }
}
