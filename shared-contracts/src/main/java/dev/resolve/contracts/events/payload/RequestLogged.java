package dev.resolve.contracts.events.payload;

import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;

import dev.resolve.contracts.money.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's service request was logged at intake.
 *
 * @param financial whether the request asks for money to move (refund, credit, write-off, invoice correction)
 */
@EventType(name = "RequestLogged", version = 1, aggregate = Aggregate.SERVICE_REQUEST)
public record RequestLogged(
        UUID requestId,
        String requestNumber,
        String channel,
        String type,
        String customerReference,
        String subject,
        String description,
        Money disputedAmount,
        String invoiceNumber,
        boolean financial,
        Instant loggedAt) {
}
