package dev.resolve.contracts.money;

import dev.resolve.contracts.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"1250, EUR, 1250.00", "12.5, EUR, 12.50", "3000, JPY, 3000", "3000.000, JPY, 3000", "1.5, BHD, 1.500",
            "0.01, USD, 0.01", "-7.1, EUR, -7.10"})
    void shouldHoldExactlyTheCurrencysMinorUnits(String amount, String currency, String expected) {
        Money money = Money.parse(amount, currency);
        assertThat(money.amountText()).isEqualTo(expected);
        assertThat(money.minorUnits()).isEqualTo(Money.minorUnits(currency).orElseThrow());
    }

    @Test
    void shouldBeEqualWhateverTheWrittenScale() {
        assertThat(Money.parse("12.5", "EUR")).isEqualTo(Money.parse("12.500", "EUR")).isEqualTo(new Money(new BigDecimal("12.50"), "EUR"));
    }

    @ParameterizedTest
    @CsvSource({"1.001, EUR, amount, must have at most 2 decimals in EUR", "1.5, JPY, amount, must have at most 0 decimals in JPY",
            "10, XAU, currency, 'must be an ISO 4217 currency code, such as EUR or USD'",
            "10, XXX, currency, 'must be an ISO 4217 currency code, such as EUR or USD'",
            "10, CLF, currency, 'must be an ISO 4217 currency code, such as EUR or USD'",
            "10, eur, currency, 'must be an ISO 4217 currency code, such as EUR or USD'",
            "ten, EUR, amount, 'must be a decimal number, such as 1250.00'"})
    void shouldRefuseWhatNoCustomerIsBilledIn(String amount, String currency, String member, String message) {
        assertThatThrownBy(() -> Money.parse(amount, currency))
                .isInstanceOfSatisfying(Money.InvalidMoneyException.class, e ->
                        assertThat(e.violations()).containsExactly(new Money.Violation(member, message)));
    }

    @Test
    void shouldNameBothMembersWhenBothAreWrong() {
        assertThatThrownBy(() -> Money.parse("abc", "ZZZ"))
                .isInstanceOfSatisfying(Money.InvalidMoneyException.class, e ->
                        assertThat(e.violations()).extracting(Money.Violation::member).containsExactly("currency", "amount"));
    }

    @Test
    void shouldTravelAsAStringAmountAndACurrency() throws Exception {
        String json = Json.mapper().writeValueAsString(Money.parse("1250", "EUR"));
        assertThat(json).isEqualTo("{\"amount\":\"1250.00\",\"currency\":\"EUR\"}");
        assertThat(Json.mapper().readValue("{\"amount\":\"3000\",\"currency\":\"JPY\"}", Money.class))
                .isEqualTo(Money.parse("3000", "JPY"));
    }

    @Test
    void shouldOrderAmountsOfOneCurrencyOnly() {
        assertThat(Money.parse("10", "EUR")).isGreaterThan(Money.parse("9.99", "EUR"));
        assertThat(Money.parse("10", "EUR").isPositive()).isTrue();
        assertThat(Money.parse("0", "EUR").isPositive()).isFalse();
        assertThatThrownBy(() -> Money.parse("10", "EUR").compareTo(Money.parse("10", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
