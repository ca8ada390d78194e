package dev.resolve.contracts.events.payload;

import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * A billing system changed an invoice (a correction, a cancellation, a new due date); it carries the whole invoice
 * (topic billing.invoices, key invoiceNumber).
 */
@EventType(name = "InvoiceUpdated", version = 1, aggregate = Aggregate.INVOICE)
public record InvoiceUpdated(
        String invoiceNumber,
        String customerReference,
        LocalDate issuedOn,
        LocalDate dueOn,
        String currency,
        Money total,
        Money openAmount,
        String status,
        String contractId,
        List<Line> lines,
        long version) implements InvoiceContent {

    public InvoiceUpdated {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
