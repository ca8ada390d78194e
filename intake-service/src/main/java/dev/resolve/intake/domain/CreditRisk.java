package dev.resolve.intake.domain;

import dev.resolve.contracts.money.Money;

import java.math.BigDecimal;

/**
 * What finance watches about a customer's credit; every member may be absent.
 *
 * @param dscr debt service coverage ratio
 * @param averageDaysBeyondTerms how many days late the customer pays on average
 * @param latePaymentsLast12Months how many invoices were paid late in the last 12 months
 */
public record CreditRisk(Money creditLimit, Money currentExposure, BigDecimal dscr, Integer averageDaysBeyondTerms,
        Integer latePaymentsLast12Months) {

    public static final CreditRisk NONE = new CreditRisk(null, null, null, null, null);

    public CreditRisk {
        dscr = dscr == null ? null : dscr.stripTrailingZeros();
    }
}
