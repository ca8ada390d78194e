package dev.resolve.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class JsonInputExceptionMapperTest {

    record Request(List<String> tags) {
    }

    @Test
    void shouldAnswerABodyOfTheWrongShapeWithABadRequestTheRefinerNamesTheFieldOf() {
        MismatchedInputException error = catchThrowableOfType(MismatchedInputException.class,
                () -> new ObjectMapper().readValue("{\"tags\":{}}", Request.class));

        HttpProblem problem = new JsonInputExceptionMapper().toProblem(error);

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getTitle()).isEqualTo("Bad Request");
        assertViolations(new ProblemRefiner().apply(problem, ProblemContext.of(error, "/api/v1/requests")))
                .containsExactly(tuple("body", "tags", "must be an array"));
    }
}
