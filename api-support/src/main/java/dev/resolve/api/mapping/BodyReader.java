package dev.resolve.api.mapping;

import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.contracts.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the members of a request body that the contract's bean validation cannot type (money that must fit its
 * currency, dates, decimals written as strings) into domain values, collecting what is wrong so that one 400 lists
 * every member. Read everything, then call {@link #done()}. The contract has already checked presence and format.
 */
public final class BodyReader {

    private final List<FieldViolation> violations = new ArrayList<>();

    /**
     * The money in member {@code member} ({@code {"amount": "1250.00", "currency": "EUR"}}), or null when absent or
     * invalid; violations name {@code <member>.amount} and {@code <member>.currency}.
     */
    public Money money(String member, String amount, String currency) {
        if (amount == null && currency == null) {
            return null;
        }
        try {
            return Money.parse(amount, currency);
        } catch (Money.InvalidMoneyException e) {
            e.violations().forEach(violation -> reject(member + "." + violation.member(), violation.message()));
            return null;
        }
    }

    /** The ISO 8601 date ({@code 2026-11-30}) in member {@code member}, or null when absent or invalid. */
    public LocalDate date(String member, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            reject(member, "must be a date such as 2026-11-30");
            return null;
        }
    }

    /** The decimal written as a string in member {@code member}, or null when absent or invalid. */
    public BigDecimal decimal(String member, String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            reject(member, "must be a decimal number such as 12.5");
            return null;
        }
    }

    /** Records that {@code member} breaks a rule. */
    public void reject(String member, String message) {
        violations.add(FieldViolation.body(member, message));
    }

    /** Whether everything read so far was valid. */
    public boolean valid() {
        return violations.isEmpty();
    }

    /**
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 listing every member read or rejected that is wrong
     */
    public void done() {
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }
    }
}
