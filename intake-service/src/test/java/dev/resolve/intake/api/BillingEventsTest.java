package dev.resolve.intake.api;

import dev.resolve.contracts.events.Topics;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Invoices, payments and contracts that billing systems publish on billing.invoices, in any order and twice. */
@QuarkusTest
class BillingEventsTest {

    @Inject
    Rows rows;

    private static Map<String, Object> invoiceEvent(String number, String open, String status, long version) {
        Map<String, Object> event = ReferenceData.invoiceBody("CUST-7", status, "5000.00", open, "EUR", version);
        Map<String, Object> withNumber = new LinkedHashMap<>();
        withNumber.put("invoiceNumber", number);
        withNumber.putAll(event);
        return withNumber;
    }

    private static Map<String, Object> payment(String number, String open, String status, long version) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("invoiceNumber", number);
        event.put("paymentId", "PAY-" + UUID.randomUUID().toString().substring(0, 6));
        event.put("amount", ReferenceData.money("100.00", "EUR"));
        event.put("receivedOn", "2026-11-15");
        event.put("openAmount", ReferenceData.money(open, "EUR"));
        event.put("status", status);
        event.put("version", version);
        return event;
    }

    private static void awaitInvoice(String number, long version, String open) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asStaff().get("/api/v1/invoices/" + number).then()
                .statusCode(200).body("version", equalTo((int) version)).body("openAmount.amount", equalTo(open)));
    }

    @Test
    void shouldKeepTheNewestVersionWhateverOrderTheEventsArriveIn() {
        String number = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        BillingRecords.send(Topics.BILLING_INVOICES, number, "InvoiceUpdated.v1", invoiceEvent(number, "3000.00", "PARTIALLY_PAID", 3));
        BillingRecords.send(Topics.BILLING_INVOICES, number, "InvoiceIssued.v1", invoiceEvent(number, "5000.00", "OPEN", 1));
        BillingRecords.send(Topics.BILLING_INVOICES, number, "PaymentReceived.v1", payment(number, "4000.00", "PARTIALLY_PAID", 2));
        awaitInvoice(number, 3, "3000.00");
        // The same newest event again, and a newer payment after it.
        BillingRecords.send(Topics.BILLING_INVOICES, number, "InvoiceUpdated.v1", invoiceEvent(number, "3000.00", "PARTIALLY_PAID", 3));
        BillingRecords.send(Topics.BILLING_INVOICES, number, "PaymentReceived.v1", payment(number, "0.00", "PAID", 4));
        awaitInvoice(number, 4, "0.00");
        asStaff().get("/api/v1/invoices/" + number).then().body("status", equalTo("PAID"));
        // REST and Kafka share the versions: an older PUT is refused.
        asStaff().contentType(ContentType.JSON).body(ReferenceData.invoiceBody("CUST-7", "OPEN", "5000.00", "5000.00", "EUR", 2))
                .put("/api/v1/invoices/" + number).then().statusCode(409).body("currentVersion", equalTo(4));
    }

    @Test
    void shouldApplyAPaymentThatArrivedBeforeItsInvoice() {
        String number = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        BillingRecords.send(Topics.BILLING_INVOICES, number, "PaymentReceived.v1", payment(number, "1500.00", "PARTIALLY_PAID", 2));
        // The payment waits for its invoice, which intake has not heard of.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rows.count("invoice_payment_pending WHERE invoice_number = '" + number + "'") == 1);
        asStaff().get("/api/v1/invoices/" + number).then().statusCode(404);
        asStaff().contentType(ContentType.JSON).body(ReferenceData.invoiceBody("CUST-7", "OPEN", "5000.00", "5000.00", "EUR", 1))
                .put("/api/v1/invoices/" + number).then().statusCode(201)
                .body("version", equalTo(2)).body("openAmount.amount", equalTo("1500.00")).body("status", equalTo("PARTIALLY_PAID"));
    }

    @Test
    void shouldKeepTheNewestVersionOfAContract() {
        String id = "CTR-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> newer = BillingReferencesTest.contract("CUST-7", "15", 2);
        newer.put("contractId", id);
        Map<String, Object> older = BillingReferencesTest.contract("CUST-7", "5", 1);
        older.put("contractId", id);
        BillingRecords.send(Topics.BILLING_INVOICES, id, "ContractUpdated.v1", newer);
        BillingRecords.send(Topics.BILLING_INVOICES, id, "ContractUpdated.v1", older);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asStaff().get("/api/v1/contracts/" + id).then()
                .statusCode(200).body("version", equalTo(2)).body("pricing.discountPercent", equalTo("15")));
    }

    @Test
    void shouldDeadLetterAnInvoiceThatDoesNotHoldTogether() {
        String number = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> event = invoiceEvent(number, "5000.00", "OPEN", 1);
        event.put("total", ReferenceData.money("5000.00", "USD"));
        String eventId = BillingRecords.send(Topics.BILLING_INVOICES, number, "InvoiceIssued.v1", event);
        await().atMost(Duration.ofSeconds(30)).until(() -> !KafkaTopics.read(Topics.deadLetter("intake-service"),
                r -> eventId.equals(KafkaTopics.header(r, "ce_id"))).isEmpty());
        String reason = KafkaTopics.header(KafkaTopics.read(Topics.deadLetter("intake-service"),
                r -> eventId.equals(KafkaTopics.header(r, "ce_id"))).get(0), "dead-letter-reason");
        org.assertj.core.api.Assertions.assertThat(reason).contains("total.currency");
        asStaff().get("/api/v1/invoices/" + number).then().statusCode(404);
    }
}
