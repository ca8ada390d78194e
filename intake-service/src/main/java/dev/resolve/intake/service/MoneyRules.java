package dev.resolve.intake.service;

import dev.resolve.api.problem.FieldViolation;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a disputed amount acceptable: a real ISO 4217 currency (not a fund, metal or testing code), an
 * amount greater than zero, and no more decimals than the currency has (2 for EUR, 0 for JPY, 3 for BHD).
 */
final class MoneyRules {

    /** Codes in ISO 4217 that are funds or units of account rather than money a customer is billed in. */
    private static final Set<String> NOT_BILLABLE = Set.of(
            "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XSU", "XUA");

    private MoneyRules() {
    }

    /**
     * Checks {@code amount} in {@code currency}, adding a violation per problem to {@code violations}.
     *
     * @return the amount scaled to the currency's decimals, when both are valid
     */
    static Optional<BigDecimal> check(String field, String amount, String currency, List<FieldViolation> violations) {
        Optional<Currency> known = currency(currency);
        if (known.isEmpty()) {
            violations.add(FieldViolation.body(field + ".currency", "must be an ISO 4217 currency code, such as EUR or USD"));
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            violations.add(FieldViolation.body(field + ".amount", "must be a decimal number, such as 1250.00"));
            return Optional.empty();
        }
        if (value.signum() <= 0) {
            violations.add(FieldViolation.body(field + ".amount", "must be greater than zero"));
            return Optional.empty();
        }
        if (known.isEmpty()) {
            return Optional.empty();
        }
        int digits = known.get().getDefaultFractionDigits();
        if (Math.max(value.stripTrailingZeros().scale(), 0) > digits) {
            violations.add(FieldViolation.body(field + ".amount", "must have at most " + digits + " decimals in " + currency));
            return Optional.empty();
        }
        return Optional.of(value.setScale(digits));
    }

    private static Optional<Currency> currency(String code) {
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
