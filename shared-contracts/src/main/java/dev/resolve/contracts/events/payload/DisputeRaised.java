package dev.resolve.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventType;
import dev.resolve.contracts.money.Money;

import java.time.Instant;

/**
 * A billing system raised a dispute on an invoice (topic billing.disputes, key {@code <sourceSystem>:<externalDisputeId>});
 * {@code POST /api/v1/billing/disputes} takes the same fields. The pair of source system and external dispute id
 * identifies the dispute on both paths: intake makes one request of it however often and wherever it arrives.
 *
 * @param sourceSystem the billing system's name, without {@code :}
 * @param reasonCode the billing system's own reason code, such as {@code PRICE_DIFFERENCE}
 * @param raisedAt when the dispute was raised in the billing system
 */
@EventType(name = "DisputeRaised", version = 1, aggregate = Aggregate.DISPUTE)
public record DisputeRaised(
        String sourceSystem,
        String externalDisputeId,
        String customerReference,
        String invoiceNumber,
        Money amount,
        String reasonCode,
        String description,
        Instant raisedAt) {

    /** The dispute's key: the record key and the external reference of the request it makes. */
    public static String key(String sourceSystem, String externalDisputeId) {
        return sourceSystem + ":" + externalDisputeId;
    }

    /** This dispute's {@link #key(String, String)}. */
    @JsonIgnore
    public String key() {
        return key(sourceSystem, externalDisputeId);
    }
}
