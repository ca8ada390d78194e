package dev.resolve.api.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ProblemsTest {

    @Test
    void shouldDescribeASingleInvalidInputInTheDetail() {
        HttpProblem problem = Problems.validation(FieldViolation.query("limit", "must be a whole number"));

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getTitle()).isEqualTo("Bad Request");
        assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION)
                .hasToString("urn:resolve:problem:validation");
        assertThat(problem.getDetail()).isEqualTo("1 input is invalid: limit must be a whole number.");
        assertViolations(problem).containsExactly(
                tuple("query", "limit", "must be a whole number"));
    }

    @Test
    void shouldLeaveAnUnnamedInputOutOfTheDetail() {
        HttpProblem problem = Problems.validation(FieldViolation.body("", "the request body must be an object"));

        assertThat(problem.getDetail()).isEqualTo("1 input is invalid: the request body must be an object.");
    }

    @Test
    void shouldListSeveralInvalidInputsSortedByLocationThenField() {
        HttpProblem problem = Problems.validation(List.of(
                FieldViolation.query("status", "must be one of [NEW]"),
                FieldViolation.body("title", "must not be blank"),
                FieldViolation.query("limit", "must be a whole number"),
                FieldViolation.body("customer", "must not be null")));

        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo(ProblemTypes.VALIDATION);
        assertThat(problem.getDetail()).isEqualTo("4 inputs are invalid; see violations.");
        assertViolations(problem).containsExactly(
                tuple("body", "customer", "must not be null"),
                tuple("body", "title", "must not be blank"),
                tuple("query", "limit", "must be a whole number"),
                tuple("query", "status", "must be one of [NEW]"));
    }

    @Test
    void shouldAnswerNotFoundAndForbiddenWithoutAType() {
        HttpProblem notFound = Problems.notFound("No case CASE-1.");
        HttpProblem forbidden = Problems.forbidden("Only the case's team may close it.");

        assertThat(notFound.getStatusCode()).isEqualTo(404);
        assertThat(notFound.getTitle()).isEqualTo("Not Found");
        assertThat(notFound.getDetail()).isEqualTo("No case CASE-1.");
        assertThat(notFound.getType()).isNull();
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(forbidden.getTitle()).isEqualTo("Forbidden");
        assertThat(forbidden.getDetail()).isEqualTo("Only the case's team may close it.");
        assertThat(forbidden.getType()).isNull();
    }

    @Test
    void shouldCarryTheGivenTypeOnConflictAndUnprocessable() {
        HttpProblem conflict = Problems.conflict(ProblemTypes.IDEMPOTENCY_KEY_IN_FLIGHT, "still running");
        HttpProblem unprocessable = Problems.unprocessable(ProblemTypes.IDEMPOTENCY_KEY_REUSED, "other body");

        assertThat(conflict.getStatusCode()).isEqualTo(409);
        assertThat(conflict.getTitle()).isEqualTo("Conflict");
        assertThat(conflict.getType()).isEqualTo(URI.create("urn:resolve:problem:idempotency-key-in-flight"));
        assertThat(conflict.getDetail()).isEqualTo("still running");
        assertThat(unprocessable.getStatusCode()).isEqualTo(422);
        assertThat(unprocessable.getTitle()).isEqualTo("Unprocessable Content");
        assertThat(unprocessable.getType()).isEqualTo(URI.create("urn:resolve:problem:idempotency-key-reused"));
        assertThat(unprocessable.getDetail()).isEqualTo("other body");
    }
}
