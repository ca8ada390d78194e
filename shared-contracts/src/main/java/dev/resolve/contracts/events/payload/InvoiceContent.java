package dev.resolve.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.resolve.contracts.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole invoice at one version of its billing system, as {@link InvoiceIssued} and {@link InvoiceUpdated} both
 * carry it, so that a consumer applies either the same way: a version older than the one it holds changes nothing.
 */
public interface InvoiceContent {

    String invoiceNumber();

    String customerReference();

    LocalDate issuedOn();

    LocalDate dueOn();

    /** ISO 4217 code; total, open amount and every line are in it. */
    String currency();

    Money total();

    Money openAmount();

    /** An InvoiceStatus code: OPEN, PARTIALLY_PAID, PAID or CANCELLED. */
    String status();

    /** The contract the invoice bills under, or null. */
    String contractId();

    /** The lines, empty when the billing system shares none. */
    List<Line> lines();

    /** The billing system's version of this invoice, from 1; it increases with every change. */
    long version();

    /**
     * One line of an invoice.
     *
     * @param quantity how many units, written as a decimal string
     * @param amount what the line charges, in the invoice's currency
     */
    record Line(
            String description,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quantity,
            Money unitPrice,
            Money amount) {
    }
}
