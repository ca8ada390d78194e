package dev.resolve.intake.service;

import dev.resolve.intake.domain.Channel;
import dev.resolve.intake.domain.RequestType;

/**
 * A request to log, as the API received it (after the contract's checks of presence, length and format).
 *
 * @param disputedAmount the amount as text, or {@code null} when the request names no amount
 * @param disputedCurrency the ISO 4217 code, given whenever {@code disputedAmount} is
 */
public record NewRequest(
        Channel channel,
        String customerReference,
        RequestType type,
        String subject,
        String description,
        String disputedAmount,
        String disputedCurrency,
        String invoiceNumber) {
}
