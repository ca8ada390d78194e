package dev.resolve.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Producer-side check: every Java payload type serializes to JSON its schema accepts. */
class EventPayloadSchemaTest {

    static RequestLogged requestLogged() {
        return new RequestLogged(UUID.randomUUID(), "SR-000042", "PORTAL", "BILLING_DISPUTE", "CUST-1001",
                "Wrong price", "Invoice charges the old price", new Money(new BigDecimal("1250.00"), "EUR"),
                "INV-2026-0042", false, Instant.parse("2026-11-23T08:15:30.123Z"));
    }

    static CaseOpened caseOpened() {
        return new CaseOpened(UUID.randomUUID(), UUID.randomUUID(), "SR-000042", "CUST-1001", "EMAIL", "REFUND",
                "NEW", null, null, true, Instant.now(), "billing");
    }

    @Test
    void shouldSerializeEveryThinFlowPayloadToItsSchema() {
        for (Object payload : new Object[] {requestLogged(), caseOpened()}) {
            EventTypeName type = EventPayloads.typeName(payload.getClass());
            JsonNode json = Json.mapper().valueToTree(payload);
            assertThat(EventSchemas.validate(type, json)).as(type.toString()).isEmpty();
        }
    }

    @Test
    void shouldWriteMoneyAsDecimalStrings() {
        JsonNode json = Json.mapper().valueToTree(requestLogged());
        assertThat(json.at("/disputedAmount/amount").isTextual()).isTrue();
        assertThat(json.at("/disputedAmount/amount").asText()).isEqualTo("1250.00");
        assertThat(json.at("/loggedAt").asText()).isEqualTo("2026-11-23T08:15:30.123Z");
        assertThat(json.has("invoice")).isFalse();
    }

    @Test
    void shouldRejectPayloadsThatBreakTheSchema() {
        ObjectNode json = Json.mapper().valueToTree(requestLogged());
        json.remove("requestId");
        json.put("requestNumber", "42");
        json.putObject("disputedAmount").put("amount", 12.5).put("currency", "euro");
        assertThat(EventSchemas.validate(new EventTypeName("RequestLogged", 1), json))
                .hasSizeGreaterThanOrEqualTo(4)
                .anySatisfy(message -> assertThat(message).contains("requestId"))
                .anySatisfy(message -> assertThat(message).contains("requestNumber"));
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() {
        ObjectNode json = Json.mapper().valueToTree(caseOpened());
        json.put("addedInALaterRelease", "tolerated");
        assertThat(EventSchemas.validate(new EventTypeName("CaseOpened", 1), json)).isEmpty();
        assertThat(Json.mapper().convertValue(json, CaseOpened.class).caseId()).isNotNull();
    }

    @Test
    void shouldParseVersionedTypeNames() {
        assertThat(EventTypeName.parse("RequestLogged.v1")).isEqualTo(new EventTypeName("RequestLogged", 1));
        assertThatThrownBy(() -> EventTypeName.parse("dev.resolve.RequestLogged")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypeName.parse("RequestLogged.v0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventSchemas.isKnown(new EventTypeName("NoSuchEvent", 1))).isFalse();
    }
}
