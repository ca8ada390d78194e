package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;

import java.math.BigDecimal;

/** One line of an invoice. */
public record InvoiceItem(String description, BigDecimal quantity, Money unitPrice, Money amount) {
}
