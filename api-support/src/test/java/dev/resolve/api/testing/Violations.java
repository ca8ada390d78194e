package dev.resolve.api.testing;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code violations} member of validation problems, as clients read it. */
public final class Violations {

    private Violations() {
    }

    /** The violations of {@code problem}, as they are serialized. */
    @SuppressWarnings("unchecked")
    public static List<Violation> of(HttpProblem problem) {
        return (List<Violation>) problem.getParameters().get("violations");
    }

    /** Asserts on the violations of {@code problem} as tuples of {@code in}, {@code field} and {@code message}. */
    public static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertViolations(HttpProblem problem) {
        assertThat(problem).as("problem").isNotNull();
        return assertThat(of(problem)).as("violations of %s", problem.getDetail())
                .extracting(v -> v.in, v -> v.field, v -> v.message);
    }
}
