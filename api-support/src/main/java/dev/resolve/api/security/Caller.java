package dev.resolve.api.security;

import dev.resolve.contracts.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Objects;

/**
 * The verified caller of an API operation.
 *
 * @param subject the user's id (claim {@code sub}); events and audit entries name it as the actor
 * @param name a display name (claim {@code name}, else {@code preferred_username}, else the subject)
 * @param roles the caller's roles (claim {@code groups}), see {@link Roles}
 * @param team the agent's team (claim {@code team}), or null
 * @param customer a portal user's customer reference (claim {@code customer}), or null
 */
public record Caller(String subject, String name, List<String> roles, String team, String customer) {

    /** No token: only ever seen outside {@code /api}. */
    public static final Caller ANONYMOUS = new Caller("anonymous", "anonymous", List.of(), null, null);

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = roles == null ? List.of() : roles.stream().sorted().toList();
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Whether the caller holds at least one of {@code candidates}. */
    public boolean hasAnyOf(String... candidates) {
        for (String candidate : candidates) {
            if (roles.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller acts only as a portal customer: holds {@code customer} and no staff role. Such a caller sees
     * and creates only their own customer's objects.
     */
    public boolean isCustomerOnly() {
        return has(Roles.CUSTOMER) && roles.stream().allMatch(Roles.CUSTOMER::equals);
    }

    /** The caller a verified identity stands for; claims are read from its JWT when it has one. */
    public static Caller of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String subject = token.getSubject() != null ? token.getSubject() : token.getName();
            String name = firstText(token.getClaim("name"), token.getClaim("preferred_username"), subject);
            return new Caller(subject, name, List.copyOf(identity.getRoles()), text(token.getClaim("team")),
                    text(token.getClaim("customer")));
        }
        String subject = identity.getPrincipal().getName();
        return new Caller(subject, subject, List.copyOf(identity.getRoles()), null, null);
    }

    private static String firstText(Object... values) {
        for (Object value : values) {
            String text = text(value);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        String text = claim instanceof jakarta.json.JsonString json ? json.getString() : claim.toString();
        return text.isBlank() ? null : text;
    }
}
