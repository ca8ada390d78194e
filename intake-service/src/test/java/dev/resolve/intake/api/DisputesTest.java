package dev.resolve.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.Callers;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Disputes billing systems post over REST and on billing.disputes: one request per dispute, whatever the path. */
@QuarkusTest
class DisputesTest {

    private static final Caller BILLING = Caller.of("billing-sap", Roles.BILLING_SYSTEM);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Rows rows;

    private static Map<String, Object> dispute(String customer, String invoice, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sourceSystem", "sap-erp");
        body.put("externalDisputeId", "DSP-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("customerReference", customer);
        body.put("invoiceNumber", invoice);
        body.put("amount", ReferenceData.money(amount, "EUR"));
        body.put("reasonCode", "PRICE_DIFFERENCE");
        body.put("description", "Customer says the October linehaul is billed at the old price.");
        body.put("raisedAt", "2026-11-20T09:15:00Z");
        return body;
    }

    private static ValidatableResponse post(Map<String, Object> body) {
        return Callers.as(BILLING).contentType(ContentType.JSON).body(body).post("/api/v1/billing/disputes").then();
    }

    private static String key(Map<String, Object> dispute) {
        return dispute.get("sourceSystem") + ":" + dispute.get("externalDisputeId");
    }

    private long requestsFrom(Map<String, Object> dispute) {
        return rows.count("service_request WHERE external_reference = '" + key(dispute) + "'");
    }

    @Test
    void shouldMakeOneRequestOfADisputePostedTwiceOnBothPaths() throws Exception {
        ReferenceData.Account account = ReferenceData.account();
        Map<String, Object> dispute = dispute(account.customer(), account.invoice(), "480.00");
        String requestId = post(dispute).statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/billing/disputes/sap-erp/" + dispute.get("externalDisputeId")))
                .body("outcome", equalTo("ACCEPTED")).body("arrivedVia", equalTo("REST")).body("requestNumber", notNullValue())
                .extract().path("requestId");
        post(dispute).statusCode(200).body("requestId", equalTo(requestId)).body("outcome", equalTo("ACCEPTED"));
        BillingRecords.send(Topics.BILLING_DISPUTES, key(dispute), "DisputeRaised.v1", dispute);
        // The Kafka copy is consumed (it lands in the inbox's consumer) and changes nothing.
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).until(() -> requestsFrom(dispute) == 1);

        asStaff().get("/api/v1/requests/" + requestId).then().statusCode(200).body("channel", equalTo("BILLING_SYSTEM"))
                .body("type", equalTo("BILLING_DISPUTE")).body("externalReference", equalTo(key(dispute)))
                .body("disputedAmount.amount", equalTo("480.00"));
        JsonNode event = RequestRulesTest.loggedEvent(requestId);
        assertThat(event.path("channel").asText()).isEqualTo("BILLING_SYSTEM");
        assertThat(event.path("externalReference").asText()).isEqualTo(key(dispute));
    }

    @Test
    void shouldAnswerTheKafkaVerdictToALaterRestPost() {
        ReferenceData.Account account = ReferenceData.account();
        Map<String, Object> dispute = dispute(account.customer(), account.invoice(), "100.00");
        BillingRecords.send(Topics.BILLING_DISPUTES, key(dispute), "DisputeRaised.v1", dispute);
        BillingRecords.send(Topics.BILLING_DISPUTES, key(dispute), "DisputeRaised.v1", dispute);
        await().atMost(Duration.ofSeconds(20)).until(() -> requestsFrom(dispute) == 1);
        post(dispute).statusCode(200).body("arrivedVia", equalTo("KAFKA")).body("outcome", equalTo("ACCEPTED"));
        asStaff().get("/api/v1/billing/disputes/sap-erp/" + dispute.get("externalDisputeId")).then().statusCode(200)
                .body("arrivedVia", equalTo("KAFKA"));
        assertThat(requestsFrom(dispute)).isEqualTo(1);
    }

    @Test
    void shouldRecordARejectedDisputeAndReportItToTheBillingSystem() throws Exception {
        ReferenceData.Account account = ReferenceData.account();
        Map<String, Object> dispute = dispute(account.customer(), account.invoice(), "9999.00");
        post(dispute).statusCode(201).body("outcome", equalTo("REJECTED"))
                .body("rule", equalTo("urn:resolve:problem:amount-exceeds-open-amount")).body("requestId", nullValue())
                .body("reason", notNullValue());
        post(dispute).statusCode(200).body("outcome", equalTo("REJECTED"));
        assertThat(requestsFrom(dispute)).isZero();

        List<ConsumerRecord<String, byte[]>> results = await().atMost(Duration.ofSeconds(20)).until(
                () -> KafkaTopics.read(Topics.BILLING_DISPUTE_RESULTS, r -> key(dispute).equals(r.key())), found -> found.size() == 1);
        assertThat(KafkaTopics.header(results.get(0), "ce_type")).isEqualTo("RequestRejected.v1");
        JsonNode rejected = JSON.readTree(results.get(0).value());
        assertThat(rejected.path("externalDisputeId").asText()).isEqualTo(dispute.get("externalDisputeId"));
        assertThat(rejected.path("sourceSystem").asText()).isEqualTo("sap-erp");
        assertThat(rejected.path("reasonCode").asText()).isEqualTo("AMOUNT_EXCEEDS_OPEN_AMOUNT");
        assertThat(rejected.path("rule").asText()).isEqualTo("urn:resolve:problem:amount-exceeds-open-amount");
    }

    @Test
    void shouldRejectADisputeOfAnUnknownCustomerArrivingOnKafka() {
        Map<String, Object> dispute = dispute("CUST-gone-" + UUID.randomUUID().toString().substring(0, 4), "INV-x", "10.00");
        BillingRecords.send(Topics.BILLING_DISPUTES, key(dispute), "DisputeRaised.v1", dispute);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asStaff()
                .get("/api/v1/billing/disputes/sap-erp/" + dispute.get("externalDisputeId")).then().statusCode(200)
                .body("outcome", equalTo("REJECTED")).body("rule", equalTo("urn:resolve:problem:unknown-customer")));
    }

    @Test
    void shouldLetOnlyBillingSystemsPostDisputes() {
        ReferenceData.Account account = ReferenceData.account();
        Callers.as(Caller.of("agent-9", Roles.AGENT)).contentType(ContentType.JSON)
                .body(dispute(account.customer(), account.invoice(), "10.00")).post("/api/v1/billing/disputes")
                .then().statusCode(403);
        Map<String, Object> zero = dispute(account.customer(), account.invoice(), "0.00");
        String before = rows.snapshot();
        post(zero).statusCode(400).body("violations.field", org.hamcrest.Matchers.contains("amount.amount"));
        assertThat(rows.snapshot()).isEqualTo(before);
    }
}
