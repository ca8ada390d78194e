package dev.resolve.api.problem;

import io.quarkiverse.resteasy.problem.validation.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldViolationTest {

    @Test
    void shouldNameWhereEachFactoryPutsTheInput() {
        assertThat(FieldViolation.body("disputedAmount.currency", "must be a string"))
                .isEqualTo(new FieldViolation("body", "disputedAmount.currency", "must be a string"));
        assertThat(FieldViolation.query("limit", "m")).isEqualTo(new FieldViolation("query", "limit", "m"));
        assertThat(FieldViolation.path("id", "m")).isEqualTo(new FieldViolation("path", "id", "m"));
        assertThat(FieldViolation.header("Idempotency-Key", "m")).isEqualTo(new FieldViolation("header", "Idempotency-Key", "m"));
    }

    @Test
    void shouldKeepLocationFieldAndMessageInTheProblemViolation() {
        for (String in : new String[] {"body", "query", "path", "header", "form"}) {
            Violation violation = new FieldViolation(in, "name", "must not be blank").toViolation();

            assertThat(violation.in).isEqualTo(in);
            assertThat(violation.field).isEqualTo("name");
            assertThat(violation.message).isEqualTo("must not be blank");
        }
    }
}
