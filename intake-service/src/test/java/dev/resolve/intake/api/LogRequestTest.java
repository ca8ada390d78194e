package dev.resolve.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.contracts.events.CloudEventHeaders;
import dev.resolve.contracts.events.Topics;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class LogRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldLogARequestAndAnswerWithItsNumberAndLocation() {
        Map<String, Object> body = Requests.dispute();
        Response created = asStaff().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-log-1").body(body)
                .when().post("/api/v1/requests")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern("http://[^/]+/api/v1/requests/[0-9a-f-]{36}"))
                .header("X-Correlation-Id", "corr-log-1")
                .header("Idempotent-Replayed", nullValue())
                .body("id", notNullValue())
                .body("number", matchesPattern("SR-\\d{6}"))
                .body("status", equalTo("LOGGED"))
                .body("channel", equalTo("PORTAL"))
                .body("type", equalTo("BILLING_DISPUTE"))
                .body("subject", equalTo(body.get("subject")))
                .body("disputedAmount.amount", equalTo("1250.00"))
                .body("disputedAmount.currency", equalTo("EUR"))
                .body("invoiceNumber", equalTo(body.get("invoiceNumber")))
                .body("loggedAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"))
                .extract().response();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/requests/" + id);

        asStaff().when().get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("number", equalTo(created.path("number")))
                .body("disputedAmount.amount", equalTo("1250.00"));
    }

    @Test
    void shouldEmitRequestLoggedKeyedByTheRequestId() throws Exception {
        Map<String, Object> body = Requests.with(Requests.dispute(), "type", "REFUND");
        String id = dev.resolve.testing.Callers.as(new dev.resolve.embedded.LocalIdentityProvider.Caller("agent-ann", "Ann",
                        List.of("team-lead", "agent"), "billing", null))
                .contentType(ContentType.JSON).header("X-Correlation-Id", "corr-event-1").body(body)
                .when().post("/api/v1/requests").then().statusCode(201).extract().path("id");

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(20)).until(
                () -> KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> id.equals(r.key())), found -> found.size() == 1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(KafkaTopics.header(record, CloudEventHeaders.TYPE)).isEqualTo("RequestLogged.v1");
        assertThat(KafkaTopics.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/resolve/intake-service");
        assertThat(KafkaTopics.header(record, CloudEventHeaders.CORRELATION_ID)).isEqualTo("corr-event-1");
        // The caller is the actor, with the roles they acted in.
        assertThat(KafkaTopics.header(record, CloudEventHeaders.ACTOR)).isEqualTo("agent-ann");
        assertThat(KafkaTopics.header(record, CloudEventHeaders.ACTOR_ROLES)).isEqualTo("agent,team-lead");
        JsonNode payload = JSON.readTree(record.value());
        assertThat(payload.path("requestId").asText()).isEqualTo(id);
        assertThat(payload.path("requestNumber").asText()).matches("SR-\\d{6}");
        assertThat(payload.path("type").asText()).isEqualTo("REFUND");
        assertThat(payload.path("financial").asBoolean()).isTrue();
        assertThat(payload.path("disputedAmount").path("amount").asText()).isEqualTo("1250.00");
    }

    @Test
    void shouldLogARequestWithoutAnAmount() {
        Map<String, Object> body = Requests.without(Requests.without(Requests.dispute(), "disputedAmount"), "invoiceNumber");
        asStaff().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/requests")
                .then().statusCode(201)
                .body("disputedAmount", nullValue())
                .body("invoiceNumber", nullValue());
    }

    @Test
    void shouldScaleAnAmountToItsCurrencysDecimals() {
        asStaff().contentType(ContentType.JSON).body(Requests.withAmount("3000", "JPY"))
                .when().post("/api/v1/requests")
                .then().statusCode(201).body("disputedAmount.amount", equalTo("3000"));
        asStaff().contentType(ContentType.JSON).body(Requests.withAmount("12.5", "BHD"))
                .when().post("/api/v1/requests")
                .then().statusCode(201).body("disputedAmount.amount", equalTo("12.500"));
    }

    @Test
    void shouldNumberRequestsUniquely() {
        String first = asStaff().contentType(ContentType.JSON).body(Requests.dispute())
                .post("/api/v1/requests").then().statusCode(201).extract().path("number");
        String second = asStaff().contentType(ContentType.JSON).body(Requests.dispute())
                .post("/api/v1/requests").then().statusCode(201).extract().path("number");
        assertThat(Integer.parseInt(second.substring(3))).isGreaterThan(Integer.parseInt(first.substring(3)));
    }

    @Test
    void shouldAnswer404ForAnUnknownRequestAnd400ForAMalformedId() {
        asStaff().when().get("/api/v1/requests/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"));
        asStaff().when().get("/api/v1/requests/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("requestId"))
                .body("violations[0].in", equalTo("path"))
                .body("instance", endsWith("/api/v1/requests/not-a-uuid"));
        asStaff().when().get("/api/v1/requests/1-2-3-4-5")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("requestId"));
    }
}
