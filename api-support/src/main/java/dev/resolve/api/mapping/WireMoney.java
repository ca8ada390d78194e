package dev.resolve.api.mapping;

import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.contracts.money.Money;

/**
 * Reads money that a client wrote in a request body ({@code {"amount": "1250.00", "currency": "EUR"}}) into the shared
 * {@link Money}, turning what {@code Money} refuses into the API's 400. Each service's generated bean for the amount
 * is its own class, so the mapping passes the two members.
 */
public final class WireMoney {

    private WireMoney() {
    }

    /**
     * @param member the body member holding the amount, such as {@code disputedAmount}; violations name
     *        {@code <member>.amount} and {@code <member>.currency}
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 naming each member that is wrong
     */
    public static Money read(String member, String amount, String currency) {
        try {
            return Money.parse(amount, currency);
        } catch (Money.InvalidMoneyException e) {
            throw Problems.validation(e.violations().stream()
                    .map(violation -> FieldViolation.body(member + "." + violation.member(), violation.message()))
                    .toList());
        }
    }
}
