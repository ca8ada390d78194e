package dev.resolve.api.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/** Builds the problems services throw; the problem extension turns them into {@code application/problem+json}. */
public final class Problems {

    private Problems() {
    }

    /** 400 listing every invalid input, in the same shape bean validation failures take. */
    public static HttpProblem validation(List<FieldViolation> violations) {
        List<FieldViolation> sorted = violations.stream()
                .sorted(Comparator.comparing(FieldViolation::in).thenComparing(FieldViolation::field))
                .toList();
        String detail = sorted.size() == 1
                ? "1 input is invalid: " + describe(sorted.get(0)) + "."
                : sorted.size() + " inputs are invalid; see violations.";
        return HttpProblem.builder()
                .withStatus(400)
                .withTitle("Bad Request")
                .withType(ProblemTypes.VALIDATION)
                .withDetail(detail)
                .with("violations", sorted.stream().map(FieldViolation::toViolation).toList())
                .build();
    }

    /** 400 for a single invalid input. */
    public static HttpProblem validation(FieldViolation violation) {
        return validation(List.of(violation));
    }

    /** 404 for a resource that does not exist. */
    public static HttpProblem notFound(String detail) {
        return HttpProblem.builder().withStatus(404).withTitle("Not Found").withDetail(detail).build();
    }

    /** 403 for a caller who may see the resource but not do this with it. */
    public static HttpProblem forbidden(String detail) {
        return HttpProblem.builder().withStatus(403).withTitle("Forbidden").withDetail(detail).build();
    }

    /** 409 with a problem type. */
    public static HttpProblem conflict(URI type, String detail) {
        return HttpProblem.builder().withStatus(409).withTitle("Conflict").withType(type).withDetail(detail).build();
    }

    /** 422 with a problem type. */
    public static HttpProblem unprocessable(URI type, String detail) {
        return HttpProblem.builder().withStatus(422).withTitle("Unprocessable Content").withType(type).withDetail(detail).build();
    }

    /** 412 for an {@code If-Match} or {@code If-None-Match} condition that does not hold. */
    public static HttpProblem preconditionFailed(String detail) {
        return HttpProblem.builder().withStatus(412).withTitle("Precondition Failed")
                .withType(ProblemTypes.PRECONDITION_FAILED).withDetail(detail).build();
    }

    /** 409 for an older version than the one held, which changes nothing; names the version held. */
    public static HttpProblem staleVersion(long currentVersion, String detail) {
        return HttpProblem.builder().withStatus(409).withTitle("Conflict").withType(ProblemTypes.STALE_VERSION)
                .withDetail(detail).with("currentVersion", currentVersion).build();
    }

    private static String describe(FieldViolation violation) {
        return violation.field().isEmpty() ? violation.message() : violation.field() + " " + violation.message();
    }
}
