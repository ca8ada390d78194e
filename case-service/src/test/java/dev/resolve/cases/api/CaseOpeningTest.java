package dev.resolve.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.contracts.events.CloudEventHeaders;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.testing.KafkaTopics;
import dev.resolve.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** RequestLogged opens exactly one NEW case, readable by id and by request, announced as CaseOpened. */
@QuarkusTest
class CaseOpeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RequestLogged requestLogged(UUID requestId, String type, boolean financial) {
        return new RequestLogged(requestId, "SR-" + (100000 + (int) (Math.random() * 899999)), "EMAIL", type, "CUST-7",
                "Refund for a double charge", "Charged twice in March", new Money(new BigDecimal("99.90"), "EUR"),
                "INV-2026-0100", financial, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    static Response awaitCaseOf(UUID requestId) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                asStaff().queryParam("requestId", requestId.toString()).get("/api/v1/cases")
                        .then().statusCode(200).extract().<List<?>>path("items").size() == 1);
        return asStaff().queryParam("requestId", requestId.toString()).get("/api/v1/cases");
    }

    @Test
    void shouldKeepWhatIntakesSnapshotSaysOnTheCase() {
        UUID requestId = UUID.randomUUID();
        RequestLogged plain = requestLogged(requestId, "REFUND", true);
        RequestLogged.CustomerSnapshot customer = new RequestLogged.CustomerSnapshot("CUST-7", "Nordlicht Logistik GmbH",
                "MID_MARKET", "PLATINUM", "EXPIRED", null, java.time.LocalDate.parse("2026-09-30"), null, null, null, null,
                null, null, null);
        RequestLogged.InvoiceSnapshot invoice = new RequestLogged.InvoiceSnapshot("INV-2026-0100", null, null, "EUR",
                new Money(new BigDecimal("500.00"), "EUR"), new Money(new BigDecimal("420.50"), "EUR"), "PARTIALLY_PAID", null, null);
        RequestLogged logged = new RequestLogged(requestId, plain.requestNumber(), plain.channel(), plain.type(),
                plain.customerReference(), plain.subject(), plain.description(), plain.disputedAmount(), plain.invoiceNumber(),
                true, plain.loggedAt(), true, "KYC expired on 2026-09-30", null, customer, invoice);
        TestEvents.publish(logged, requestId.toString());

        awaitCaseOf(requestId).then().body("items[0].kycHold", equalTo(true))
                .body("items[0].kycHoldReason", equalTo("KYC expired on 2026-09-30"))
                .body("items[0].customerTier", equalTo("PLATINUM"))
                .body("items[0].invoiceOpenAmount.amount", equalTo("420.50"));
    }

    @Test
    void shouldOpenANewCaseForALoggedRequestAndAnnounceIt() throws Exception {
        UUID requestId = UUID.randomUUID();
        RequestLogged logged = requestLogged(requestId, "REFUND", true);
        EventEnvelope cause = TestEvents.publish(TestEvents.envelope(logged, requestId.toString(), "corr-case-1"));

        Response list = awaitCaseOf(requestId);
        list.then().body("items[0].status", equalTo("NEW"))
                .body("items[0].requestNumber", equalTo(logged.requestNumber()))
                .body("items[0].channel", equalTo("EMAIL"))
                .body("items[0].type", equalTo("REFUND"))
                .body("items[0].financial", equalTo(true))
                .body("items[0].kycHold", equalTo(false))
                .body("items[0].disputedAmount.amount", equalTo("99.90"))
                .body("items[0].version", notNullValue())
                .body("items[0].openedAt", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
        String caseId = list.path("items[0].id");

        asStaff().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(caseId))
                .body("requestId", equalTo(requestId.toString()))
                .body("subject", equalTo("Refund for a double charge"));

        List<ConsumerRecord<String, byte[]>> opened = await().atMost(Duration.ofSeconds(20)).until(
                () -> KafkaTopics.read(Topics.CASES_EVENTS, r -> caseId.equals(r.key())), found -> found.size() == 1);
        ConsumerRecord<String, byte[]> record = opened.get(0);
        assertThat(KafkaTopics.header(record, CloudEventHeaders.TYPE)).isEqualTo("CaseOpened.v1");
        assertThat(KafkaTopics.header(record, CloudEventHeaders.CORRELATION_ID)).isEqualTo("corr-case-1");
        assertThat(KafkaTopics.header(record, CloudEventHeaders.CAUSATION_ID)).isEqualTo(cause.eventId().toString());
        assertThat(KafkaTopics.header(record, CloudEventHeaders.ACTOR)).isEqualTo("system:case-service");
        JsonNode payload = JSON.readTree(record.value());
        assertThat(payload.path("requestId").asText()).isEqualTo(requestId.toString());
        assertThat(payload.path("status").asText()).isEqualTo("NEW");
        assertThat(payload.path("disputedAmount").path("amount").asText()).isEqualTo("99.90");
    }

    @Test
    void shouldOpenOneCaseWhenTheEventIsRedeliveredOrTheRequestAnnouncedTwice() {
        UUID requestId = UUID.randomUUID();
        RequestLogged logged = requestLogged(requestId, "BILLING_DISPUTE", false);
        EventEnvelope envelope = TestEvents.envelope(logged, requestId.toString(), "corr-dup");
        TestEvents.publish(envelope);
        TestEvents.publish(envelope);
        TestEvents.publish(logged, requestId.toString());
        String caseId = awaitCaseOf(requestId).path("items[0].id");

        // A later event on the same partition has been handled, so the duplicates before it have been too.
        UUID marker = UUID.randomUUID();
        TestEvents.publish(requestLogged(marker, "GENERAL_INQUIRY", false), requestId.toString());
        awaitCaseOf(marker);

        asStaff().queryParam("requestId", requestId.toString()).get("/api/v1/cases")
                .then().statusCode(200).body("items", hasSize(1));
        assertThat(KafkaTopics.read(Topics.CASES_EVENTS, r -> caseId.equals(r.key()))).hasSize(1);
    }

    @Test
    void shouldAnswer304WhileTheCaseIsUnchanged() {
        UUID requestId = UUID.randomUUID();
        TestEvents.publish(requestLogged(requestId, "CREDIT", true), requestId.toString());
        String caseId = awaitCaseOf(requestId).path("items[0].id");
        String etag = asStaff().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().header("ETag");

        asStaff().header("If-None-Match", etag).get("/api/v1/cases/" + caseId).then().statusCode(304).header("ETag", etag);
        asStaff().header("If-None-Match", "\"999999\"").get("/api/v1/cases/" + caseId).then().statusCode(200);
    }
}
