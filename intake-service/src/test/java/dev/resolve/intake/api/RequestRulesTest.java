package dev.resolve.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.contracts.events.Topics;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The rules that protect the money when a request is logged, and what the request carries on. */
@QuarkusTest
class RequestRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Rows rows;

    private ValidatableResponse log(Map<String, Object> body) {
        return asStaff().contentType(ContentType.JSON).body(body).post("/api/v1/requests").then();
    }

    /** Logs {@code body}, expects {@code status} with problem {@code rule}, and that nothing was stored. */
    private ValidatableResponse refused(Map<String, Object> body, int status, String rule) {
        String before = rows.snapshot();
        ValidatableResponse answer = log(body).statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:resolve:problem:" + rule));
        assertThat(rows.snapshot()).as("nothing stored").isEqualTo(before);
        return answer;
    }

    @Test
    void shouldRefuseARequestOfAnUnknownCustomerOrInvoice() {
        ReferenceData.Account account = ReferenceData.account();
        refused(Requests.disputeOn("CUST-unknown-7", account.invoice()), 422, "unknown-customer");
        refused(Requests.disputeOn(account.customer(), "INV-never-billed"), 422, "unknown-invoice");
    }

    @Test
    void shouldRefuseAnotherCustomersOrACancelledInvoice() {
        ReferenceData.Account mine = ReferenceData.account();
        ReferenceData.Account theirs = ReferenceData.account();
        refused(Requests.disputeOn(mine.customer(), theirs.invoice()), 422, "invoice-not-customers");
        String cancelled = ReferenceData.invoice(mine.customer(), "CANCELLED", "900.00", "0.00", "EUR");
        refused(Requests.without(Requests.disputeOn(mine.customer(), cancelled), "disputedAmount"), 422, "invoice-cancelled");
    }

    @Test
    void shouldRefuseAnAmountInAnotherCurrencyOrAboveWhatIsOpen() {
        ReferenceData.Account account = ReferenceData.account();
        Map<String, Object> body = Requests.disputeOn(account.customer(), account.invoice());
        refused(Requests.with(body, "disputedAmount", ReferenceData.money("100.00", "USD")), 422, "currency-mismatch");
        refused(Requests.with(body, "disputedAmount", ReferenceData.money("4800.01", "EUR")), 422, "amount-exceeds-open-amount")
                .body("detail", equalTo("The disputed 4800.01 EUR is more than the 4800.00 EUR still open on invoice "
                        + account.invoice() + "."));
        log(Requests.with(body, "disputedAmount", ReferenceData.money("4800.00", "EUR"))).statusCode(201);
    }

    @Test
    void shouldAnswerASecondOpenRequestOfTheSameKindWithTheFirst() {
        ReferenceData.Account account = ReferenceData.account();
        Map<String, Object> body = Requests.disputeOn(account.customer(), account.invoice());
        String first = log(body).statusCode(201).extract().path("id");
        refused(Requests.with(body, "subject", "Asked again"), 409, "duplicate-request")
                .body("existingRequestId", equalTo(first)).body("existingRequest", equalTo("/api/v1/requests/" + first));
        // Another kind of request on the same invoice is not a duplicate.
        log(Requests.with(Requests.without(body, "disputedAmount"), "type", "PAYMENT_QUERY")).statusCode(201);
    }

    @Test
    void shouldRefuseTheBillingSystemChannelOutsideDisputes() {
        ReferenceData.Account account = ReferenceData.account();
        log(Requests.with(Requests.disputeOn(account.customer(), account.invoice()), "channel", "BILLING_SYSTEM"))
                .statusCode(400).body("violations.field", org.hamcrest.Matchers.contains("channel"));
    }

    @Test
    void shouldHoldAFinancialRequestOfACustomerWithoutVerifiedKycAndSaySo() throws Exception {
        String expired = ReferenceData.customer(ReferenceData.kyc("VERIFIED", "2022-01-01", "2023-12-31"));
        String invoice = ReferenceData.invoice(expired, "OPEN", "2000.00", "2000.00", "EUR");
        String held = log(Requests.with(Requests.disputeOn(expired, invoice), "type", "REFUND")).statusCode(201)
                .body("kycHold", equalTo(true)).body("kycHoldReason", equalTo("KYC expired on 2023-12-31"))
                .extract().path("id");
        JsonNode event = loggedEvent(held);
        assertThat(event.path("kycHold").asBoolean()).isTrue();
        assertThat(event.path("kycHoldReason").asText()).isEqualTo("KYC expired on 2023-12-31");
        assertThat(event.path("customer").path("kycStatus").asText()).isEqualTo("EXPIRED");

        String pending = ReferenceData.customer(ReferenceData.kyc("PENDING", null, null));
        log(Requests.without(Requests.disputeWithoutInvoice(pending), "disputedAmount")).statusCode(201)
                .body("kycHold", equalTo(false)).body("kycHoldReason", nullValue());
        log(Requests.disputeWithoutInvoice(pending)).statusCode(201)
                .body("kycHold", equalTo(true)).body("kycHoldReason", equalTo("KYC verification is pending"));
    }

    @Test
    void shouldCarryTheCustomerAndInvoiceSnapshotOnTheEvent() throws Exception {
        ReferenceData.Account account = ReferenceData.account();
        String contract = "CTR-" + account.customer();
        asStaff().contentType(ContentType.JSON).body(BillingReferencesTest.contract(account.customer(), "7.5", 1))
                .put("/api/v1/contracts/" + contract).then().statusCode(201);
        Map<String, Object> invoiceBody = ReferenceData.invoiceBody(account.customer(), "PARTIALLY_PAID", "3000.00", "1000.00", "EUR", 1);
        invoiceBody.put("contractId", contract);
        String invoice = "INV-" + account.customer();
        asStaff().contentType(ContentType.JSON).body(invoiceBody).put("/api/v1/invoices/" + invoice).then().statusCode(201);

        String id = log(Requests.with(Requests.disputeOn(account.customer(), invoice), "disputedAmount",
                ReferenceData.money("999.99", "EUR"))).statusCode(201).body("kycHold", equalTo(false)).extract().path("id");
        JsonNode event = loggedEvent(id);
        assertThat(event.path("kycHold").asBoolean()).isFalse();
        JsonNode customer = event.path("customer");
        assertThat(customer.path("reference").asText()).isEqualTo(account.customer());
        assertThat(customer.path("tier").asText()).isEqualTo("GOLD");
        assertThat(customer.path("segment").asText()).isEqualTo("MID_MARKET");
        assertThat(customer.path("kycStatus").asText()).isEqualTo("VERIFIED");
        assertThat(customer.path("dscr").asText()).isEqualTo("1.85");
        assertThat(customer.path("creditLimit").path("amount").asText()).isEqualTo("50000.00");
        assertThat(customer.path("latePaymentsLast12Months").asInt()).isEqualTo(1);
        JsonNode snapshot = event.path("invoice");
        assertThat(snapshot.path("number").asText()).isEqualTo(invoice);
        assertThat(snapshot.path("currency").asText()).isEqualTo("EUR");
        assertThat(snapshot.path("totalAmount").path("amount").asText()).isEqualTo("3000.00");
        assertThat(snapshot.path("openAmount").path("amount").asText()).isEqualTo("1000.00");
        assertThat(snapshot.path("dueOn").asText()).isEqualTo("2026-11-30");
        assertThat(snapshot.path("contractReference").asText()).isEqualTo(contract);
        assertThat(snapshot.path("pricing").path("discountPercent").asText()).isEqualTo("7.5");
        assertThat(snapshot.path("pricing").path("paymentTermsDays").asInt()).isEqualTo(30);
    }

    /** The payload of the RequestLogged event of request {@code id}, as published. */
    static JsonNode loggedEvent(String id) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(20)).until(
                () -> KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> id.equals(r.key())), found -> found.size() == 1);
        return JSON.readTree(records.get(0).value());
    }
}
