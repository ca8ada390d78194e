package dev.resolve.api.security;

import dev.resolve.api.testing.Identities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VerifiedTokenCacheTest {

    private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);

    /** Stands in for smallrye-jwt: accepts the tokens it was given, with their identities, and counts checks. */
    static final class Validator extends MpJwtValidator {

        final Map<String, SecurityIdentity> identities = new HashMap<>();
        final Map<String, Integer> checks = new HashMap<>();

        Validator accepting(String token, SecurityIdentity identity) {
            identities.put(token, identity);
            return this;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            String token = request.getToken().getToken();
            checks.merge(token, 1, Integer::sum);
            SecurityIdentity identity = identities.get(token);
            return identity == null ? Uni.createFrom().failure(new AuthenticationFailedException("bad signature"))
                    : Uni.createFrom().item(identity);
        }

        int checksOf(String token) {
            return checks.getOrDefault(token, 0);
        }
    }

    private final Validator validator = new Validator();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldCheckATokenOnceUntilItExpires() {
        SecurityIdentity alice = Identities.expiring("alice", IN_AN_HOUR);
        VerifiedTokenCache cache = cache(validator.accepting("token-a", alice), 10);

        assertThat(authenticate(cache, "token-a")).isSameAs(alice);
        assertThat(authenticate(cache, "token-a")).isSameAs(alice);
        assertThat(authenticate(cache, "token-a")).isSameAs(alice);

        assertThat(validator.checksOf("token-a")).isEqualTo(1);
        assertThat(counted("checked")).isEqualTo(1);
        assertThat(counted("remembered")).isEqualTo(2);
    }

    @Test
    void shouldCheckATokenAgainOncePastItsExpiry() {
        // Still accepted by the validator within its clock skew, but never served from memory.
        VerifiedTokenCache cache = cache(validator.accepting("token-a", Identities.expiring("alice", Instant.now().minusSeconds(1))), 10);

        authenticate(cache, "token-a");
        authenticate(cache, "token-a");

        assertThat(validator.checksOf("token-a")).isEqualTo(2);
        assertThat(counted("remembered")).isZero();
    }

    @Test
    void shouldTreatAnyChangedByteAsAnotherToken() {
        VerifiedTokenCache cache = cache(validator.accepting("token-a", Identities.expiring("alice", IN_AN_HOUR)), 10);
        authenticate(cache, "token-a");

        assertThat(catchThrowableOfType(AuthenticationFailedException.class, () -> authenticate(cache, "token-b"))).isNotNull();
        assertThat(catchThrowableOfType(AuthenticationFailedException.class, () -> authenticate(cache, "token-a "))).isNotNull();
        assertThat(validator.checksOf("token-b")).isEqualTo(1);
    }

    @Test
    void shouldNotRememberATokenThatFailedVerification() {
        VerifiedTokenCache cache = cache(validator, 10);

        for (int i = 0; i < 2; i++) {
            assertThat(catchThrowableOfType(AuthenticationFailedException.class, () -> authenticate(cache, "forged"))).isNotNull();
        }
        assertThat(validator.checksOf("forged")).isEqualTo(2);
    }

    @Test
    void shouldNotRememberAnIdentityWithoutAJwt() {
        VerifiedTokenCache cache = cache(validator.accepting("opaque", Identities.named("service")), 10);

        authenticate(cache, "opaque");
        authenticate(cache, "opaque");

        assertThat(validator.checksOf("opaque")).isEqualTo(2);
    }

    @Test
    void shouldCheckWithoutRememberingWhenFull() {
        VerifiedTokenCache cache = cache(validator.accepting("first", Identities.expiring("alice", IN_AN_HOUR))
                .accepting("second", Identities.expiring("bob", IN_AN_HOUR)), 1);

        authenticate(cache, "first");
        authenticate(cache, "second");
        authenticate(cache, "second");
        authenticate(cache, "first");

        assertThat(validator.checksOf("first")).isEqualTo(1);
        assertThat(validator.checksOf("second")).isEqualTo(2);
    }

    @Test
    void shouldDropExpiredTokensToMakeRoom() {
        VerifiedTokenCache cache = cache(validator.accepting("expired", Identities.expiring("alice", Instant.now().minusSeconds(1)))
                .accepting("fresh", Identities.expiring("bob", IN_AN_HOUR)), 1);

        authenticate(cache, "expired");
        authenticate(cache, "fresh");
        authenticate(cache, "fresh");

        assertThat(validator.checksOf("fresh")).isEqualTo(1);
    }

    @Test
    void shouldRunAheadOfSmallryeJwtsOwnProviderForBearerTokens() {
        VerifiedTokenCache cache = cache(validator, 10);

        assertThat(cache.priority()).isGreaterThan(new MpJwtValidator().priority());
        assertThat(cache.getRequestType()).isEqualTo(TokenAuthenticationRequest.class);
    }

    private VerifiedTokenCache cache(Validator validator, int capacity) {
        return new VerifiedTokenCache(validator, meters, capacity);
    }

    private static SecurityIdentity authenticate(VerifiedTokenCache cache, String token) {
        return cache.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await().indefinitely();
    }

    private double counted(String verification) {
        return meters.get("resolve.security.tokens").tag("verification", verification).counter().count();
    }
}
