package dev.resolve.contracts.events.payload;

import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;

import dev.resolve.contracts.money.Money;

import java.time.Instant;
import java.util.UUID;

/** A case was opened for a logged request; it carries what work queues and KPIs group by. */
@EventType(name = "CaseOpened", version = 1, aggregate = Aggregate.CASE)
public record CaseOpened(
        UUID caseId,
        UUID requestId,
        String requestNumber,
        String customerReference,
        String channel,
        String type,
        String status,
        Money disputedAmount,
        String invoiceNumber,
        boolean financial,
        Instant openedAt,
        String team) {
}
