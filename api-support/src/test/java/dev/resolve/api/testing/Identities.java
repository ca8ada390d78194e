package dev.resolve.api.testing;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Verified identities as smallrye-jwt hands them over, built without a key or a Quarkus application. */
public final class Identities {

    private Identities() {
    }

    /** An identity whose principal is a JWT with these claims (such as {@code sub}, {@code exp}) and roles. */
    public static SecurityIdentity jwt(Map<String, Object> claims, String... roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new Token(claims)).addRoles(Set.of(roles)).build();
    }

    /** A JWT identity for {@code subject} whose token expires at {@code expiry}. */
    public static SecurityIdentity expiring(String subject, Instant expiry) {
        return jwt(Map.of("sub", subject, "exp", expiry.getEpochSecond()));
    }

    /** An identity without a JWT, such as one from another authentication mechanism. */
    public static SecurityIdentity named(String name, String... roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(Set.of(roles)).build();
    }

    /** The identity of a call without credentials. */
    public static SecurityIdentity anonymous() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("")).setAnonymous(true).build();
    }

    /** A parsed token: its claims, nothing more. */
    private record Token(Map<String, Object> claims) implements JsonWebToken {

        Token {
            claims = new HashMap<>(claims);
        }

        @Override
        public String getName() {
            Object name = claims.getOrDefault("upn", claims.get("sub"));
            return name == null ? null : name.toString();
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }
}
