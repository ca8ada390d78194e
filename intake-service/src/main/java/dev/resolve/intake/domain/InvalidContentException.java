package dev.resolve.intake.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when what a billing system or client says does not hold together (amounts in another currency than the
 * invoice's, a due date before the issue date); {@link #violations()} names each member and what is wrong. The API
 * answers it with 400, the billing topics' consumer dead-letters the event.
 */
public class InvalidContentException extends IllegalArgumentException {

    /** One member that breaks a rule, by its path in the body, such as {@code lines[1].amount.currency}. */
    public record Violation(String member, String message) {
    }

    private final transient List<Violation> violations;

    private InvalidContentException(List<Violation> violations) {
        super(violations.stream().map(v -> v.member() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Collects violations and throws them together. */
    static final class Collector {

        private final List<Violation> violations = new ArrayList<>();

        Collector check(boolean holds, String member, String message) {
            if (!holds) {
                violations.add(new Violation(member, message));
            }
            return this;
        }

        void throwIfAny() {
            if (!violations.isEmpty()) {
                throw new InvalidContentException(violations);
            }
        }
    }
}
