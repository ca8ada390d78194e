package dev.resolve.api.ratelimit;

import dev.resolve.api.testing.Identities;
import dev.resolve.api.testing.Stubs;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

class WriteRateLimitFilterTest {

    private static final SecurityIdentity ALICE = Identities.expiring("alice", Instant.now().plusSeconds(3600));

    @Test
    void shouldNotLimitReads() {
        WriteRateLimitFilter filter = limiting(Limits.of(1, 1), ALICE);

        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "GET"}) {
            assertThat(filter(filter, method, "/api/v1/cases")).as(method).isNull();
        }
    }

    @Test
    void shouldNotLimitWritesOutsideTheApi() {
        WriteRateLimitFilter filter = limiting(Limits.of(1, 1), ALICE);

        assertThat(filter(filter, "POST", "/q/dev-ui/endpoint")).isNull();
        assertThat(filter(filter, "POST", "/q/dev-ui/endpoint")).isNull();
    }

    @Test
    void shouldLeaveCallsWithoutATokenToTheSecurityChecks() {
        WriteRateLimitFilter filter = limiting(Limits.of(1, 1), Identities.anonymous());

        assertThat(filter(filter, "POST", "/api/v1/requests")).isNull();
        assertThat(filter(filter, "POST", "/api/v1/requests")).isNull();
    }

    @Test
    void shouldRefuseAWriteOverTheCallersLimitWith429AndRetryAfter() {
        WriteRateLimitFilter filter = limiting(Limits.of(0.25, 1), ALICE);
        assertThat(filter(filter, "POST", "/api/v1/requests")).isNull();

        HttpProblem problem = refusal(filter, "DELETE", "/api/v1/requests/REQ-1");

        assertThat(problem.getStatusCode()).isEqualTo(429);
        assertThat(problem.getTitle()).isEqualTo("Too Many Requests");
        assertThat(problem.getType()).isEqualTo(WriteRateLimitFilter.TOO_MANY_WRITES)
                .hasToString("urn:resolve:problem:too-many-writes");
        assertThat(problem.getDetail()).isEqualTo("Too many writes by this caller; retry after 4 s.");
        assertThat(problem.getHeaders()).containsExactly(entry("Retry-After", 4L));
    }

    @Test
    void shouldAskToRetryAfterAtLeastOneSecond() {
        WriteRateLimitFilter filter = limiting(Limits.of(50, 1), ALICE);
        assertThat(filter(filter, "PUT", "/api/v1/cases/CASE-1")).isNull();

        assertThat(refusal(filter, "PATCH", "/api/v1/cases/CASE-1").getHeaders()).containsEntry("Retry-After", 1L);
    }

    @Test
    void shouldLimitEachCallerBySubject() {
        WriteRateLimiter limiter = new WriteRateLimiter(Limits.of(0.25, 1));
        WriteRateLimitFilter alice = new WriteRateLimitFilter(limiter, identity(ALICE));
        WriteRateLimitFilter bob = new WriteRateLimitFilter(limiter,
                identity(Identities.expiring("bob", Instant.now().plusSeconds(3600))));
        assertThat(filter(alice, "POST", "/api/v1/requests")).isNull();

        assertThat(filter(bob, "POST", "/api/v1/requests")).isNull();
        assertThat(refusal(alice, "POST", "/api/v1/requests").getStatusCode()).isEqualTo(429);
    }

    private static WriteRateLimitFilter limiting(Limits limits, SecurityIdentity caller) {
        return new WriteRateLimitFilter(new WriteRateLimiter(limits), identity(caller));
    }

    /** The association of a request whose caller turns out to be {@code identity}. */
    private static CurrentIdentityAssociation identity(SecurityIdentity identity) {
        Map<String, Function<Object[], Object>> answers = Map.of("getDeferredIdentity", args -> Uni.createFrom().item(identity));
        return Stubs.stub(CurrentIdentityAssociation.class, answers);
    }

    private static Response filter(WriteRateLimitFilter filter, String method, String path) {
        return filter.limitWrites(request(method, path)).await().indefinitely();
    }

    private static HttpProblem refusal(WriteRateLimitFilter filter, String method, String path) {
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> filter(filter, method, path));
        assertThat(problem).as("%s %s refused", method, path).isNotNull();
        return problem;
    }

    private static ContainerRequestContext request(String method, String path) {
        return Stubs.request(method, path, Map.of());
    }
}
