package dev.resolve.api.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the identities smallrye-jwt verified, by the exact token text, until the token expires: a client sends
 * the same token with every call, and checking its RSA signature each time was the largest single CPU cost of a
 * request (JFR: two thirds of intake's samples under a token-per-call load). Verification stays smallrye-jwt's
 * ({@link MpJwtValidator}, called for every token not seen yet); a token is only served from here after it passed
 * there, never past its {@code exp}, and any changed byte makes another key. At most
 * {@code resolve.security.verified-token-cache-size} tokens are kept; when full, expired ones are dropped, and new
 * ones are verified without being kept. Counted in {@code resolve_security_tokens_total{verification=...}}.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator validator;
    private final int capacity;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Counter remembered;
    private final Counter checked;

    public VerifiedTokenCache(MpJwtValidator validator, MeterRegistry meters,
            @ConfigProperty(name = "resolve.security.verified-token-cache-size", defaultValue = "10000") int capacity) {
        this.validator = validator;
        this.capacity = capacity;
        this.remembered = Counter.builder("resolve.security.tokens").tag("verification", "remembered")
                .description("Bearer tokens accepted because smallrye-jwt had verified them before").register(meters);
        this.checked = Counter.builder("resolve.security.tokens").tag("verification", "checked")
                .description("Bearer tokens handed to smallrye-jwt to verify").register(meters);
    }

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of smallrye-jwt's own provider (which has the default, {@code SYSTEM_FIRST + 1}). */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Verified known = verified.get(token);
        if (known != null) {
            if (System.currentTimeMillis() < known.expiresAtMillis()) {
                remembered.increment();
                return Uni.createFrom().item(known.identity());
            }
            verified.remove(token, known);
        }
        checked.increment();
        return validator.authenticate(request, context).invoke(identity -> remember(token, identity));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        if (verified.size() >= capacity) {
            verified.values().removeIf(entry -> entry.expiresAtMillis() <= now);
            if (verified.size() >= capacity) {
                return;
            }
        }
        verified.put(token, new Verified(identity, jwt.getExpirationTime() * 1000));
    }
}
