package dev.resolve.intake.api;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.testing.Callers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CustomersTest {

    private static final Map<String, Object> VERIFIED = ReferenceData.kyc("VERIFIED", "2025-06-30", "2099-06-30");

    private static String newReference() {
        return "CUST-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response put(String reference, Map<String, Object> body, String header, String value) {
        var request = asStaff().contentType(ContentType.JSON).body(body);
        if (header != null) {
            request.header(header, value);
        }
        return request.put("/api/v1/customers/" + reference);
    }

    @Test
    void shouldCreateThenReplaceACustomerWithItsVersionAsETag() {
        String reference = newReference();
        Map<String, Object> body = ReferenceData.customerBody(VERIFIED);
        put(reference, body, null, null).then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/customers/" + reference))
                .body("reference", equalTo(reference)).body("tier", equalTo("GOLD")).body("kyc.status", equalTo("VERIFIED"))
                .body("risk.creditLimit.amount", equalTo("50000.00")).body("risk.dscr", equalTo("1.85"))
                .body("contacts.name", contains("Jana Vogt")).body("version", equalTo(1));

        // The same body again (a retry) changes nothing, not even the version.
        put(reference, body, null, null).then().statusCode(200).header("ETag", "\"1\"");
        body.put("tier", "PLATINUM");
        put(reference, body, "If-Match", "\"1\"").then().statusCode(200).header("ETag", "\"2\"").body("tier", equalTo("PLATINUM"));

        asStaff().get("/api/v1/customers/" + reference).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        asStaff().header("If-None-Match", "\"2\"").get("/api/v1/customers/" + reference).then().statusCode(304);
    }

    @Test
    void shouldRefuseAWriteWhoseConditionNoLongerHolds() {
        String reference = newReference();
        Map<String, Object> body = ReferenceData.customerBody(VERIFIED);
        put(reference, body, "If-Match", "\"1\"").then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:resolve:problem:precondition-failed"));
        asStaff().get("/api/v1/customers/" + reference).then().statusCode(404);

        put(reference, body, "If-None-Match", "*").then().statusCode(201);
        put(reference, body, "If-None-Match", "*").then().statusCode(412);
        body.put("name", "Someone else's edit");
        put(reference, body, null, null).then().statusCode(200).header("ETag", "\"2\"");

        // A writer that read version 1 does not overwrite version 2.
        body.put("name", "A stale edit");
        put(reference, body, "If-Match", "\"1\"").then().statusCode(412);
        asStaff().get("/api/v1/customers/" + reference).then().body("name", equalTo("Someone else's edit"));
    }

    @Test
    void shouldChangeTheKycStandingAloneAndReadAnExpiredOneAsExpired() {
        String reference = ReferenceData.customer(VERIFIED);
        asStaff().contentType(ContentType.JSON).body(ReferenceData.kyc("VERIFIED", "2023-01-01", "2024-12-31"))
                .header("If-Match", "\"1\"").put("/api/v1/customers/" + reference + "/kyc")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("kyc.status", equalTo("EXPIRED")).body("kyc.expiresOn", equalTo("2024-12-31")).body("tier", equalTo("GOLD"));
        asStaff().contentType(ContentType.JSON).body(ReferenceData.kyc("PENDING", null, null))
                .header("If-Match", "\"1\"").put("/api/v1/customers/" + reference + "/kyc").then().statusCode(412);
        asStaff().contentType(ContentType.JSON).body(ReferenceData.kyc("PENDING", null, null))
                .put("/api/v1/customers/CUST-nobody-" + UUID.randomUUID().toString().substring(0, 4) + "/kyc")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseDatesAndAmountsThatDoNotHoldNamingEachMember() {
        Map<String, Object> body = ReferenceData.customerBody(ReferenceData.kyc("VERIFIED", "2026-13-01", "2025-01-01"));
        body.put("risk", Map.of("creditLimit", ReferenceData.money("1.001", "EUR"), "dscr", "1.5"));
        String reference = newReference();
        put(reference, body, null, null).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("kyc.verifiedOn", "risk.creditLimit.amount"));
        Map<String, Object> backwards = ReferenceData.customerBody(ReferenceData.kyc("VERIFIED", "2026-01-01", "2025-01-01"));
        put(reference, backwards, null, null).then().statusCode(400).body("violations.field", contains("kyc.expiresOn"));
        asStaff().get("/api/v1/customers/" + reference).then().statusCode(404);
    }

    @Test
    void shouldListCustomersByFiltersOnePageAtATime() {
        String tag = "Filterco " + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = ReferenceData.customerBody(i == 2 ? ReferenceData.kyc("VERIFIED", "2020-01-01", "2021-01-01") : VERIFIED);
            body.put("name", tag + " " + i);
            body.put("tier", i == 0 ? "SILVER" : "GOLD");
            put(newReference(), body, null, null).then().statusCode(201);
        }
        Response first = asStaff().queryParam("search", tag.toLowerCase()).queryParam("limit", 2).get("/api/v1/customers");
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", not(nullValue()));
        Response second = asStaff().queryParam("search", tag).queryParam("limit", 2)
                .queryParam("cursor", first.<String>path("nextCursor")).get("/api/v1/customers");
        second.then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", nullValue());
        List<String> all = new java.util.ArrayList<>(first.path("items.reference"));
        all.addAll(second.path("items.reference"));
        assertThat(all).isSorted().doesNotHaveDuplicates().hasSize(3);

        asStaff().queryParam("search", tag).queryParam("tier", "SILVER").get("/api/v1/customers")
                .then().body("items.name", contains(tag + " 0"));
        asStaff().queryParam("search", tag).queryParam("kycStatus", "EXPIRED").get("/api/v1/customers")
                .then().body("items.name", contains(tag + " 2")).body("items.kyc.status", everyItem(equalTo("EXPIRED")));
        asStaff().queryParam("search", tag).queryParam("kycStatus", "VERIFIED").get("/api/v1/customers")
                .then().body("items.name", containsInAnyOrder(tag + " 0", tag + " 1"));
        asStaff().queryParam("cursor", "not-ours").get("/api/v1/customers").then().statusCode(400)
                .body("violations.field", hasItem("cursor"));
    }

    @Test
    void shouldShowAPortalCustomerOnlyTheirOwnRecord() {
        String mine = ReferenceData.customer(VERIFIED);
        String theirs = ReferenceData.customer(VERIFIED);
        Caller customer = new Caller("portal-" + mine, null, List.of(Roles.CUSTOMER), null, mine);
        Callers.as(customer).get("/api/v1/customers/" + mine).then().statusCode(200).body("reference", equalTo(mine));
        Callers.as(customer).get("/api/v1/customers/" + theirs).then().statusCode(404).contentType("application/problem+json");
    }
}
