package dev.resolve.api.mapping;

import dev.resolve.contracts.money.Money;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static dev.resolve.api.testing.Violations.assertViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class BodyReaderTest {

    @Test
    void shouldReadValidMembersIntoDomainValues() {
        BodyReader reader = new BodyReader();
        assertThat(reader.money("total", "12.5", "EUR")).isEqualTo(Money.parse("12.50", "EUR"));
        assertThat(reader.date("issuedOn", "2026-11-30")).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(reader.decimal("dscr", "1.85")).isEqualByComparingTo(new BigDecimal("1.85"));
        assertThat(reader.money("absent", null, null)).isNull();
        assertThat(reader.date("absent", null)).isNull();
        assertThat(reader.valid()).isTrue();
        reader.done();
    }

    @Test
    void shouldListEveryInvalidMemberInOneProblem() {
        BodyReader reader = new BodyReader();
        assertThat(reader.money("total", "1.001", "EUR")).isNull();
        assertThat(reader.money("openAmount", "x", "ZZZ")).isNull();
        assertThat(reader.date("dueOn", "2026-02-30")).isNull();
        assertThat(reader.decimal("dscr", "high")).isNull();
        reader.reject("validTo", "must not be before validFrom");
        assertThat(reader.valid()).isFalse();

        HttpProblem problem = catchThrowableOfType(HttpProblem.class, reader::done);
        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertViolations(problem).containsExactlyInAnyOrder(
                tuple("body", "total.amount", "must have at most 2 decimals in EUR"),
                tuple("body", "openAmount.currency", "must be an ISO 4217 currency code, such as EUR or USD"),
                tuple("body", "openAmount.amount", "must be a decimal number, such as 1250.00"),
                tuple("body", "dueOn", "must be a date such as 2026-11-30"),
                tuple("body", "dscr", "must be a decimal number such as 12.5"),
                tuple("body", "validTo", "must not be before validFrom"));
    }
}
