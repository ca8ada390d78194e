package dev.resolve.intake.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class BillingReferencesTest {

    private static String newNumber(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse putInvoice(String number, Map<String, Object> body) {
        return asStaff().contentType(ContentType.JSON).body(body).put("/api/v1/invoices/" + number).then();
    }

    @Test
    void shouldKeepTheNewestVersionOfAnInvoiceWhateverTheOrder() {
        String number = newNumber("INV-");
        putInvoice(number, ReferenceData.invoiceBody("CUST-1", "OPEN", "5000.00", "5000.00", "EUR", 2)).statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/invoices/" + number))
                .body("version", equalTo(2)).body("openAmount.amount", equalTo("5000.00"));
        // An older version arriving late changes nothing and says which version intake holds.
        putInvoice(number, ReferenceData.invoiceBody("CUST-1", "OPEN", "5000.00", "100.00", "EUR", 1)).statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:resolve:problem:stale-version"))
                .body("currentVersion", equalTo(2));
        // The same version again is a retry: 200 with what is stored, whatever the body says.
        putInvoice(number, ReferenceData.invoiceBody("CUST-1", "OPEN", "5000.00", "1.00", "EUR", 2)).statusCode(200)
                .body("openAmount.amount", equalTo("5000.00"));
        putInvoice(number, ReferenceData.invoiceBody("CUST-1", "PARTIALLY_PAID", "5000.00", "1200.00", "EUR", 3)).statusCode(200)
                .body("version", equalTo(3)).body("status", equalTo("PARTIALLY_PAID"));
        asStaff().get("/api/v1/invoices/" + number).then().statusCode(200).body("version", equalTo(3))
                .body("openAmount.amount", equalTo("1200.00")).body("lines[0].description", equalTo("Linehaul October"))
                .body("lines[0].quantity", equalTo("1")).body("customerReference", equalTo("CUST-1"));
    }

    @Test
    void shouldRefuseAnInvoiceThatDoesNotHoldTogether() {
        String number = newNumber("INV-");
        Map<String, Object> body = ReferenceData.invoiceBody("CUST-1", "OPEN", "5000.00", "6000.00", "EUR", 1);
        body.put("total", ReferenceData.money("5000.00", "USD"));
        body.put("dueOn", "2026-10-01");
        putInvoice(number, body).statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("total.currency", "dueOn", "openAmount.amount"));
        Map<String, Object> lineInDollars = ReferenceData.invoiceBody("CUST-1", "OPEN", "5000.00", "5000.00", "EUR", 1);
        lineInDollars.put("lines", java.util.List.of(Map.of("description", "Linehaul", "quantity", "2",
                "unitPrice", ReferenceData.money("2500.00", "USD"), "amount", ReferenceData.money("5000.00", "EUR"))));
        putInvoice(number, lineInDollars).statusCode(400).body("violations.field", containsInAnyOrder("lines[0].unitPrice.currency"));
        Map<String, Object> overpaid = ReferenceData.invoiceBody("CUST-1", "OPEN", "5000.00", "6000.00", "EUR", 1);
        putInvoice(number, overpaid).statusCode(400).body("violations.field", containsInAnyOrder("openAmount.amount"));
        asStaff().get("/api/v1/invoices/" + number).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldKeepTheNewestVersionOfAContract() {
        String id = newNumber("CTR-");
        asStaff().contentType(ContentType.JSON).body(contract("CUST-1", "12.5", 2)).put("/api/v1/contracts/" + id)
                .then().statusCode(201).body("pricing.discountPercent", equalTo("12.5")).body("version", equalTo(2));
        asStaff().contentType(ContentType.JSON).body(contract("CUST-1", "50", 1)).put("/api/v1/contracts/" + id)
                .then().statusCode(409).body("currentVersion", equalTo(2));
        asStaff().contentType(ContentType.JSON).body(contract("CUST-1", "10", 3)).put("/api/v1/contracts/" + id)
                .then().statusCode(200).body("pricing.discountPercent", equalTo("10"));
        Map<String, Object> backwards = contract("CUST-1", "10", 4);
        backwards.put("validTo", "2020-01-01");
        asStaff().contentType(ContentType.JSON).body(backwards).put("/api/v1/contracts/" + id)
                .then().statusCode(400).body("violations.field", containsInAnyOrder("validTo"));
        asStaff().get("/api/v1/contracts/" + id).then().statusCode(200).body("version", equalTo(3))
                .body("pricing.paymentTermsDays", equalTo(30)).body("validFrom", equalTo("2026-01-01"));
        asStaff().get("/api/v1/contracts/" + newNumber("CTR-")).then().statusCode(404);
    }

    static Map<String, Object> contract(String customer, String discount, long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerReference", customer);
        body.put("pricing", Map.of("priceList", "LIST-2026-EU", "discountPercent", discount, "paymentTermsDays", 30));
        body.put("validFrom", "2026-01-01");
        body.put("validTo", "2027-12-31");
        body.put("version", version);
        return body;
    }
}
