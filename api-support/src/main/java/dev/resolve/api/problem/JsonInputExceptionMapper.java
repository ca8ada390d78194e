package dev.resolve.api.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ext.Provider;

/**
 * Routes JSON bodies of the wrong shape (an array where an object belongs, a string for a number) through the
 * problem extension; Quarkus' own mapper would answer with an empty 400. {@link ProblemRefiner} adds the field.
 */
@Provider
@Priority(1)
public class JsonInputExceptionMapper extends ExceptionMapperBase<MismatchedInputException> {

    @Override
    protected HttpProblem toProblem(MismatchedInputException exception) {
        return HttpProblem.builder().withStatus(400).withTitle("Bad Request").build();
    }
}
