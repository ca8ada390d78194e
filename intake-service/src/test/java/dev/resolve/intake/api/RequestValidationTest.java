package dev.resolve.intake.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.function.Supplier;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Every bad input gets a 400 problem that names the field, and nothing is stored or emitted. */
@QuarkusTest
class RequestValidationTest {

    @Inject
    Rows rows;

    private ValidatableResponse rejected(Object body) {
        return rejected(() -> asStaff().contentType(ContentType.JSON).body(body).post("/api/v1/requests").then());
    }

    private ValidatableResponse rejected(Supplier<ValidatableResponse> call) {
        String before = rows.snapshot();
        ValidatableResponse response = call.get()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
        assertThat(rows.snapshot()).as("nothing stored").isEqualTo(before);
        return response;
    }

    @Test
    void shouldListEveryMissingField() {
        rejected(Map.of())
                .body("type", equalTo("urn:resolve:problem:validation"))
                .body("violations.field", containsInAnyOrder("channel", "customerReference", "type", "subject", "description"))
                .body("violations.in", hasItem("body"));
    }

    @Test
    void shouldRefuseFieldsTheServerOwns() {
        for (Map.Entry<String, Object> owned : Map.<String, Object>of("id", java.util.UUID.randomUUID().toString(),
                "number", "SR-999999", "status", "CLOSED", "loggedAt", "2020-01-01T00:00:00Z", "loggedBy", "someone-else")
                .entrySet()) {
            rejected(Requests.with(Requests.dispute(), owned.getKey(), owned.getValue()))
                    .body("violations.field", containsInAnyOrder(owned.getKey()))
                    .body("violations[0].message", containsString("the server sets it"));
        }
        rejected(Requests.with(Requests.dispute(), "disputedAmount", Map.of("amount", "10.00", "currency", "EUR", "rate", "1")))
                .body("violations.field", containsInAnyOrder("disputedAmount.rate"));
    }

    @Test
    void shouldRejectTextHoldingTheNulCharacter() {
        rejected(Requests.with(Requests.dispute(), "subject", "Invoice\u0000question"))
                .body("violations.field", containsInAnyOrder("subject"))
                .body("violations[0].message", containsString("U+0000"));
        rejected(Requests.with(Requests.dispute(), "disputedAmount", Map.of("amount", "10.00", "currency", "E\u0000R")))
                .body("violations.field", containsInAnyOrder("disputedAmount.currency"));
    }

    @Test
    void shouldRejectParametersHoldingTheNulCharacter() {
        asStaff().urlEncodingEnabled(false).get("/api/v1/requests/abc%00def").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].in", equalTo("path"));
    }

    @Test
    void shouldRejectAMissingBody() {
        rejected(() -> asStaff().contentType(ContentType.JSON).post("/api/v1/requests").then());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "-10.00, EUR, disputedAmount.amount",
            "0, EUR, disputedAmount.amount",
            "12.345, EUR, disputedAmount.amount",
            "12.5, JPY, disputedAmount.amount",
            "ten, EUR, disputedAmount.amount",
            "1e5, EUR, disputedAmount.amount",
            "10.00, XYZ, disputedAmount.currency",
            "10.00, eur, disputedAmount.currency",
            "10.00, XAU, disputedAmount.currency",
            "10.00, XXX, disputedAmount.currency",
            "10.00, CLF, disputedAmount.currency",
    })
    void shouldRejectABadAmount(String amount, String currency, String field) {
        rejected(Requests.withAmount(amount, currency))
                .body("violations.field", containsInAnyOrder(field));
    }

    @Test
    void shouldRejectAnAmountAsANumber() {
        rejected(Requests.with(Requests.dispute(), "disputedAmount", Map.of("amount", 12.5, "currency", "EUR")))
                .body("violations.field", hasItem("disputedAmount.amount"));
    }

    @Test
    void shouldRejectAnAmountWithoutCurrency() {
        rejected(Requests.with(Requests.dispute(), "disputedAmount", Map.of("amount", "12.50")))
                .body("violations.field", containsInAnyOrder("disputedAmount.currency"));
    }

    @Test
    void shouldRejectUnknownEnumValues() {
        rejected(Requests.with(Requests.dispute(), "channel", "FAX"))
                .body("violations.field", containsInAnyOrder("channel"));
        rejected(Requests.with(Requests.dispute(), "type", "REFUNDS"))
                .body("violations.field", containsInAnyOrder("type"));
    }

    @Test
    void shouldRejectBlankAndOverlongText() {
        rejected(Requests.with(Requests.dispute(), "subject", "   "))
                .body("violations.field", containsInAnyOrder("subject"));
        rejected(Requests.with(Requests.dispute(), "subject", "x".repeat(201)))
                .body("violations.field", containsInAnyOrder("subject"));
        rejected(Requests.with(Requests.dispute(), "customerReference", "bad reference!"))
                .body("violations.field", containsInAnyOrder("customerReference"));
    }

    @Test
    void shouldRejectMalformedJson() {
        rejected(() -> asStaff().contentType(ContentType.JSON).body("{\"channel\": \"PORTAL\", ").post("/api/v1/requests").then())
                .body("type", equalTo("urn:resolve:problem:malformed-json"));
        rejected(() -> asStaff().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/requests").then());
    }

    @Test
    void shouldRejectAWrongJsonTypeForAField() {
        rejected(Requests.with(Requests.dispute(), "subject", Map.of("text", "nested")))
                .body("violations.field", hasItem("subject"));
    }

    @Test
    void shouldRejectAnInvalidIdempotencyKey() {
        rejected(() -> asStaff().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(256))
                .body(Requests.dispute()).post("/api/v1/requests").then())
                .body("violations.field", hasItem("Idempotency-Key"))
                .body("violations.in", hasItem("header"));
    }

    @Test
    void shouldRefuseAnotherMediaType() {
        String before = rows.snapshot();
        asStaff().contentType(ContentType.TEXT).body("hello").post("/api/v1/requests")
                .then().statusCode(415).contentType("application/problem+json");
        assertThat(rows.snapshot()).isEqualTo(before);
    }
}
