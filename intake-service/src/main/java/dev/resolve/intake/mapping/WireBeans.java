package dev.resolve.intake.mapping;

import dev.resolve.api.mapping.BodyReader;
import dev.resolve.contracts.money.Money;
import dev.resolve.intake.api.generated.beans.Amount;

import java.time.LocalDate;

/** The contract's small value beans that every intake mapping writes and reads. */
final class WireBeans {

    private WireBeans() {
    }

    static Amount amount(Money value) {
        if (value == null) {
            return null;
        }
        Amount amount = new Amount();
        amount.setAmount(value.amountText());
        amount.setCurrency(value.currency());
        return amount;
    }

    /** The money in body member {@code member}, or null when absent; {@code reader} collects what is wrong. */
    static Money money(BodyReader reader, String member, Amount bean) {
        return bean == null ? null : reader.money(member, bean.getAmount(), bean.getCurrency());
    }

    static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
