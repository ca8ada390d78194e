package dev.resolve.api.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class ParametersTest {

    private static final String ID = "3f2c8f0e-52a8-4f7e-9d55-2b1f0c6a7e10";

    @Test
    void shouldReadCanonicalUuids() {
        assertThat(Parameters.pathUuid("id", ID)).isEqualTo(UUID.fromString(ID));
        assertThat(Parameters.queryUuid("requestId", ID.toUpperCase())).isEqualTo(UUID.fromString(ID));
    }

    @Test
    void shouldTreatAnAbsentQueryUuidAsNull() {
        assertThat(Parameters.queryUuid("requestId", null)).isNull();
    }

    @Test
    void shouldRefuseAPathValueThatIsNotAUuidNamingTheParameter() {
        for (String value : new String[] {"CASE-1", "", "1-2-3-4-5", ID + "0", ID.replace('f', 'x'),
                "+0000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-+00000000001", null}) {
            HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> Parameters.pathUuid("id", value));

            assertThat(problem).as(value).isNotNull();
            assertThat(problem.getStatusCode()).isEqualTo(400);
            assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION);
            assertThat(problem.getDetail()).isEqualTo("1 input is invalid: id must be a UUID.");
            assertViolations(problem).containsExactly(tuple("path", "id", "must be a UUID"));
        }
    }

    @Test
    void shouldRefuseAQueryValueThatIsNotAUuidNamingTheParameter() {
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> Parameters.queryUuid("requestId", "1-2-3-4-5"));

        assertViolations(problem).containsExactly(tuple("query", "requestId", "must be a UUID"));
    }
}
