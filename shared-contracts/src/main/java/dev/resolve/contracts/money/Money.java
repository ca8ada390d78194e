package dev.resolve.contracts.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An amount of money in an ISO 4217 currency, held with exactly the currency's minor units ({@code 1250.00} EUR,
 * {@code 3000} JPY, {@code 12.500} BHD). Every service and every event uses this one type, so the currency rules live
 * here only. On the wire it is {@code {"amount": "1250.00", "currency": "EUR"}}: the amount is a string, never a
 * float. Entities keep it as an embedded value ({@code @Embedded} with {@code @AttributeOverride}s naming the amount
 * and currency columns); a row whose two columns are null reads as no money.
 */
@Embeddable
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency)
        implements Comparable<Money> {

    /** Codes in ISO 4217 that are funds or units of account rather than money a customer is billed in. */
    private static final Set<String> NOT_BILLABLE = Set.of(
            "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XSU", "XUA");

    /** What is wrong with one member of an amount: {@code amount} or {@code currency}. */
    public record Violation(String member, String message) {
    }

    /** Thrown for an amount or currency this type refuses; {@link #violations()} says which member and why. */
    public static final class InvalidMoneyException extends IllegalArgumentException {

        private final transient List<Violation> violations;

        InvalidMoneyException(List<Violation> violations) {
            super(violations.stream().map(v -> v.member() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /**
     * @throws InvalidMoneyException when the currency is not one customers are billed in, or the amount has more
     *         decimals than the currency has
     */
    @JsonCreator
    public Money(@JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {
        List<Violation> violations = new ArrayList<>();
        Optional<Currency> known = billable(currency);
        if (known.isEmpty()) {
            violations.add(new Violation("currency", "must be an ISO 4217 currency code, such as EUR or USD"));
        }
        if (amount == null) {
            violations.add(new Violation("amount", "must be a decimal number, such as 1250.00"));
        } else if (known.isPresent() && decimals(amount) > known.get().getDefaultFractionDigits()) {
            violations.add(new Violation("amount", "must have at most " + known.get().getDefaultFractionDigits()
                    + " decimals in " + currency));
        }
        if (!violations.isEmpty()) {
            throw new InvalidMoneyException(violations);
        }
        this.amount = amount.setScale(known.get().getDefaultFractionDigits());
        this.currency = currency;
    }

    /**
     * Reads an amount as clients write it ({@code "1250.00"}) in {@code currency}.
     *
     * @throws InvalidMoneyException naming every member that is wrong
     */
    public static Money parse(String amount, String currency) {
        BigDecimal value;
        try {
            value = new BigDecimal(Objects.requireNonNull(amount));
        } catch (NumberFormatException | NullPointerException e) {
            List<Violation> violations = new ArrayList<>();
            if (billable(currency).isEmpty()) {
                violations.add(new Violation("currency", "must be an ISO 4217 currency code, such as EUR or USD"));
            }
            violations.add(new Violation("amount", "must be a decimal number, such as 1250.00"));
            throw new InvalidMoneyException(violations);
        }
        return new Money(value, currency);
    }

    /** How many decimals {@code currency} has (2 for EUR, 0 for JPY, 3 for BHD), if it is one customers are billed in. */
    public static Optional<Integer> minorUnits(String currency) {
        return billable(currency).map(Currency::getDefaultFractionDigits);
    }

    /** This amount's currency decimals. */
    public int minorUnits() {
        return amount.scale();
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /** The amount as the API and events write it, with exactly the currency's decimals ({@code "1250.00"}). */
    public String amountText() {
        return amount.toPlainString();
    }

    /**
     * Orders amounts of the same currency.
     *
     * @throws IllegalArgumentException for amounts in different currencies, which have no order
     */
    @Override
    public int compareTo(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot compare " + currency + " with " + other.currency);
        }
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amountText() + " " + currency;
    }

    private static int decimals(BigDecimal amount) {
        return Math.max(amount.stripTrailingZeros().scale(), 0);
    }

    private static Optional<Currency> billable(String code) {
        if (code == null || NOT_BILLABLE.contains(code)) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            // Metals, drawing rights and the testing and "no currency" codes have no decimals defined.
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
