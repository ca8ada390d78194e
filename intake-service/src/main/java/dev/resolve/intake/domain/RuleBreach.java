package dev.resolve.intake.domain;

import java.util.UUID;

/**
 * A rule a request breaks, with a reason safe to show to the customer.
 *
 * @param existingRequestId the open request a duplicate repeats, else null
 */
public record RuleBreach(RequestRule rule, String reason, UUID existingRequestId) {

    public static RuleBreach of(RequestRule rule, String reason) {
        return new RuleBreach(rule, reason, null);
    }
}
