package dev.resolve.api.idempotency;

import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What {@link IdempotentRequests} decides before it touches the database: claiming, replaying and 409/422 need
 * PostgreSQL and are proven by the services' tests. No entity manager is given, so any database access fails.
 */
class IdempotentRequestsTest {

    private static final StoredResponse CREATED = new StoredResponse(201, "/api/v1/requests/REQ-1", "{}", false);

    private final IdempotentRequests requests = new IdempotentRequests(null, null, null);
    private final AtomicInteger runs = new AtomicInteger();
    private final Supplier<StoredResponse> work = () -> {
        runs.incrementAndGet();
        return CREATED;
    };

    @Test
    void shouldSimplyRunTheWorkWithoutAKey() {
        StoredResponse response = requests.execute("POST /api/v1/requests", null, Map.of("title", "t"), work);

        assertThat(response).isSameAs(CREATED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void shouldRefuseAKeyThatIsNotOneTo255PrintableAsciiCharacters() {
        for (String key : new String[] {"", "x".repeat(256), "tab\tkey", "line\nkey", "schlüssel", "\u0000"}) {
            HttpProblem problem = catchThrowableOfType(HttpProblem.class,
                    () -> requests.execute("POST /api/v1/requests", key, Map.of(), work));

            assertThat(problem).as(key).isNotNull();
            assertThat(problem.getStatusCode()).isEqualTo(400);
            assertViolations(problem).containsExactly(tuple("header", "Idempotency-Key", "must be 1 to 255 printable ASCII characters"));
        }
        assertThat(runs).hasValue(0);
    }
}
