package dev.resolve.api.problem;

import dev.resolve.api.json.NulCharacterException;
import dev.resolve.api.testing.Stubs;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class NulCharacterFilterTest {

    private final NulCharacterFilter filter = new NulCharacterFilter();

    @Test
    void shouldLetParametersWithoutNulThrough() {
        filter.filter(Stubs.request(parameters(Map.of("q", List.of("refund", ""), "status", List.of("NEW"))),
                parameters(Map.of("caseId", List.of("CASE-1")))));
    }

    @Test
    void shouldNameEveryQueryAndPathParameterHoldingNul() {
        MultivaluedMap<String, String> query = parameters(Map.of("q", List.of("ok", "bad\u0000"), "limit", List.of("5")));
        MultivaluedMap<String, String> path = parameters(Map.of("caseId", List.of("\u0000")));

        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> filter.filter(Stubs.request(query, path)));

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION);
        assertViolations(problem).containsExactly(
                tuple("path", "caseId", NulCharacterException.MESSAGE),
                tuple("query", "q", NulCharacterException.MESSAGE));
    }

    /** Decoded parameters, each with its values. */
    private static MultivaluedMap<String, String> parameters(Map<String, List<String>> values) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        values.forEach(parameters::addAll);
        return parameters;
    }
}
