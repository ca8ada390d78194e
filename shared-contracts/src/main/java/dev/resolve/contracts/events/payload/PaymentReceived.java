package dev.resolve.contracts.events.payload;

import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.money.Money;

import java.time.LocalDate;

/**
 * A billing system booked a payment against an invoice (topic billing.invoices, key invoiceNumber).
 *
 * @param amount what was paid, in the invoice's currency
 * @param openAmount what remains open on the invoice after the payment
 * @param status the invoice's InvoiceStatus code after the payment
 * @param version the invoice's version after the payment, as in {@link InvoiceContent#version()}
 */
@EventType(name = "PaymentReceived", version = 1, aggregate = Aggregate.INVOICE)
public record PaymentReceived(
        String invoiceNumber,
        String paymentId,
        Money amount,
        LocalDate receivedOn,
        Money openAmount,
        String status,
        long version) {
}
