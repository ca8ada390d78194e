package dev.resolve.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A billing system created or changed a contract; it carries the whole contract (topic billing.invoices, key
 * contractId).
 *
 * @param validTo the last day the contract applies, or null for open-ended
 * @param version the billing system's version of this contract, from 1; an older one never overwrites a newer one
 */
@EventType(name = "ContractUpdated", version = 1, aggregate = Aggregate.CONTRACT)
public record ContractUpdated(
        String contractId,
        String customerReference,
        Pricing pricing,
        LocalDate validFrom,
        LocalDate validTo,
        long version) {

    /**
     * A contract's pricing terms, as this event carries them and {@link RequestLogged}'s invoice snapshot repeats them.
     *
     * @param priceList the price list the contract bills from
     * @param discountPercent the contract's discount, 0 to 100, written as a decimal string
     * @param paymentTermsDays days from an invoice's issue date to its due date
     */
    public record Pricing(
            String priceList,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discountPercent,
            int paymentTermsDays) {
    }
}
