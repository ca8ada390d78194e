package dev.resolve.contracts.events.payload;

import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.money.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispute posted by a billing system broke an intake rule and was recorded as rejected (topic
 * billing.dispute-results, key {@code <sourceSystem>:<externalDisputeId>}); no case is opened for it.
 *
 * @param requestId the id intake gave the rejected attempt; no request can be read under it
 * @param requestNumber the request number, if one had been assigned; intake assigns none to rejected disputes
 * @param reasonCode what was broken, as a code: UNKNOWN_CUSTOMER, UNKNOWN_INVOICE, and so on
 * @param rule the same as a problem type URN, such as {@code urn:resolve:problem:amount-exceeds-open-amount}
 * @param existingRequestId the open request a DUPLICATE_REQUEST rejection points to
 */
@EventType(name = "RequestRejected", version = 1, aggregate = Aggregate.DISPUTE_RESULT)
public record RequestRejected(
        UUID requestId,
        String requestNumber,
        String customerReference,
        String channel,
        String type,
        String invoiceNumber,
        Money disputedAmount,
        String reasonCode,
        String reason,
        Instant rejectedAt,
        String sourceSystem,
        String externalDisputeId,
        String rule,
        UUID existingRequestId) {
}
