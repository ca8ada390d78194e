package dev.resolve.system;

import dev.resolve.audit.verifier.AuditVerify;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.launcher.LocalSuite;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole suite as five separate service processes on the embedded PostgreSQL and Kafka, on free ports: a
 * request logged at intake becomes a case, two audit entries in a valid chain, and KPI counts.
 */
class ThinFlowSystemTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private static final List<String> STAFF_ROLES = Roles.ALL.stream().filter(r -> !r.equals(Roles.CUSTOMER)).toList();

    private static LocalSuite suite;

    @BeforeAll
    static void startSuite() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        suite = LocalSuite.builder()
                .temporaryDataDirectory()
                .demoData(true)
                .portMode(LocalSuite.PortMode.ALL_FREE)
                .readyTimeout(Duration.ofMinutes(3))
                .progress(line -> System.out.println("[suite] " + line))
                .start();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /** A call by a member of staff holding every staff role. */
    private static RequestSpecification staff() {
        return as(new Caller("system-test-staff", "System Test", STAFF_ROLES, "billing", null));
    }

    private static RequestSpecification as(Caller caller) {
        return RestAssured.given().auth().oauth2(suite.token(caller, Duration.ofHours(1)));
    }

    private static String url(String service, String path) {
        URI base = suite.serviceUrl(service);
        return base.toString().replaceAll("/$", "") + path;
    }

    /** A request of the demo data's customer CUST-1001 (KYC verified) that names no invoice. */
    private static Map<String, Object> request(String channel, String type) {
        return request(channel, type, "CUST-1001");
    }

    /** A request of {@code customerReference} (one of the demo data's) that names no invoice. */
    private static Map<String, Object> request(String channel, String type, String customerReference) {
        return Map.of(
                "channel", channel,
                "customerReference", customerReference,
                "type", type,
                "subject", "The October invoice charges the old price",
                "description", "The October invoice uses last year's price list.",
                "disputedAmount", Map.of("amount", "1250.00", "currency", "EUR"));
    }

    private static JsonPath kpis() {
        return staff().get(url("metrics-service", "/api/v1/kpis/summary")).then().statusCode(200).extract().jsonPath();
    }

    private static int count(JsonPath kpis, String kpi, String channel, String type) {
        List<Map<String, Object>> rows = kpis.getList(kpi + ".byChannelAndType");
        return rows.stream()
                .filter(row -> channel.equals(row.get("channel")) && type.equals(row.get("type")))
                .mapToInt(row -> ((Number) row.get("count")).intValue())
                .sum();
    }

    @Test
    void anAuditorFollowsARequestThroughTheTrailAndVerifiesAnExportOffline() throws Exception {
        Caller auditor = new Caller("auditor-ada", "Ada Auditor", List.of(Roles.AUDITOR), null, null);
        Response created = staff().contentType(ContentType.JSON).header("X-Correlation-Id", "system-audit-1")
                .body(request("PORTAL", "REFUND")).post(url("intake-service", "/api/v1/requests"));
        created.then().statusCode(201);
        String requestId = created.path("id");

        // The request's trail: its own event and the case opened from it, in chain order.
        List<Map<String, Object>> trail = await().atMost(EVENTUALLY).until(() -> as(auditor)
                .queryParam("requestId", requestId).get(url("audit-service", "/api/v1/audit/entries"))
                .then().statusCode(200).extract().jsonPath().getList("items"), found -> found.size() == 2);
        assertThat(trail).extracting(entry -> entry.get("eventType")).containsExactlyInAnyOrder("RequestLogged.v1", "CaseOpened.v1");
        assertThat(as(auditor).queryParam("correlationId", "system-audit-1").get(url("audit-service", "/api/v1/audit/entries"))
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(2);

        // A controller has the head signed now; the auditor verifies against it and exports.
        as(new Caller("controller-cleo", "Cleo Controller", List.of(Roles.CONTROLLER), null, null))
                .post(url("audit-service", "/api/v1/audit/checkpoints")).then().statusCode(200);
        as(auditor).get(url("audit-service", "/api/v1/audit/verify")).then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(true))
                .body("checkpointSource", org.hamcrest.Matchers.equalTo("published"));
        Path export = Files.createTempFile("audit-export-", ".ndjson");
        try (InputStream body = as(auditor).get(url("audit-service", "/api/v1/audit/export")).then().statusCode(200)
                .extract().asInputStream()) {
            Files.copy(body, export, StandardCopyOption.REPLACE_EXISTING);
        }
        try (Reader reader = Files.newBufferedReader(export)) {
            AuditVerify.Result result = AuditVerify.verify(reader, AuditVerify.readPublicKey(suite.auditPublicKeyFile()), null);
            assertThat(result.valid()).as(result.reason()).isTrue();
            assertThat(result.entries()).isGreaterThanOrEqualTo(2);
        } finally {
            Files.deleteIfExists(export);
        }
        // The checkpoint is outside the database too: in the append-only log in the data folder.
        assertThat(Files.readAllLines(suite.auditCheckpointLog())).isNotEmpty();

        // The service's database login may append and read, never change or remove.
        try (Connection service = DriverManager.getConnection(suite.jdbcUrl("audit-service"),
                LocalSuite.runtimeLogin("audit-service"), LocalSuite.runtimeLogin("audit-service"));
                Statement statement = service.createStatement()) {
            assertThatThrownBy(() -> statement.execute("DELETE FROM audit_entry")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
        }
    }

    private static List<Map<String, Object>> casesOf(String requestId) {
        return staff().queryParam("requestId", requestId).get(url("case-service", "/api/v1/cases"))
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static List<Map<String, Object>> auditOf(String aggregateId) {
        return staff().queryParam("aggregateId", aggregateId).queryParam("limit", 200)
                .get(url("audit-service", "/api/v1/audit/entries"))
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void theReadmeTokenCommandMakesATokenTheRunningSuiteAccepts() throws Exception {
        String script = suite.repositoryRoot().resolve("resolve-local").toString();
        Process token = new ProcessBuilder("bash", script, "token", "--data-dir", suite.dataDirectory().toString(),
                "--user", "readme-auditor", "--roles", "auditor", "--ttl", "10m").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(token.getInputStream().readAllBytes()).trim();
        assertThat(token.waitFor()).isZero();
        RestAssured.given().auth().oauth2(printed).get(url("audit-service", "/api/v1/audit/verify")).then().statusCode(200);
        // The auditor reads; changing something is not theirs.
        RestAssured.given().auth().oauth2(printed).post(url("case-service", "/api/v1/admin/events/dead-letters/redrive"))
                .then().statusCode(403).contentType("application/problem+json");

        Process refused = new ProcessBuilder("bash", script, "token", "--data-dir", suite.dataDirectory().toString(),
                "--user", "x", "--roles", "superuser").redirectErrorStream(true).start();
        String message = new String(refused.getInputStream().readAllBytes());
        assertThat(refused.waitFor()).isEqualTo(2);
        assertThat(message).contains("Unknown role 'superuser'");
    }

    @Test
    void aCustomerSeesAndLogsOnlyTheirOwnRequestsAndCases() {
        // Demo customers no other test logs for.
        String mine = "CUST-1002";
        String theirs = "CUST-1005";
        Caller customer = new Caller("portal-" + mine, "Portal User", List.of(Roles.CUSTOMER), null, mine);

        String own = as(customer).contentType(ContentType.JSON).body(request("PORTAL", "REFUND", mine))
                .post(url("intake-service", "/api/v1/requests")).then().statusCode(201).extract().path("id");
        String other = staff().contentType(ContentType.JSON).body(request("SERVICE_DESK", "REFUND", theirs))
                .post(url("intake-service", "/api/v1/requests")).then().statusCode(201).extract().path("id");
        // Logging for another customer is refused and logs nothing.
        as(customer).contentType(ContentType.JSON).body(request("PORTAL", "REFUND", theirs))
                .post(url("intake-service", "/api/v1/requests")).then().statusCode(403).contentType("application/problem+json");

        as(customer).get(url("intake-service", "/api/v1/requests/" + own)).then().statusCode(200);
        // Someone else's request is "not found", exactly like one that does not exist.
        as(customer).get(url("intake-service", "/api/v1/requests/" + other)).then().statusCode(404)
                .contentType("application/problem+json");

        String ownCase = (String) await().atMost(EVENTUALLY).until(() -> casesOf(own), found -> found.size() == 1).get(0).get("id");
        String otherCase = (String) await().atMost(EVENTUALLY).until(() -> casesOf(other), found -> found.size() == 1).get(0).get("id");
        as(customer).get(url("case-service", "/api/v1/cases/" + ownCase)).then().statusCode(200);
        as(customer).get(url("case-service", "/api/v1/cases/" + otherCase)).then().statusCode(404);
        List<String> listed = as(customer).queryParam("limit", 200).get(url("case-service", "/api/v1/cases"))
                .then().statusCode(200).extract().jsonPath().getList("items.customerReference");
        assertThat(listed).containsOnly(mine).hasSize(1);
        as(customer).queryParam("requestId", other).get(url("case-service", "/api/v1/cases"))
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        // Portal users see neither the audit trail nor the KPIs.
        as(customer).get(url("audit-service", "/api/v1/audit/entries")).then().statusCode(403);
        as(customer).get(url("metrics-service", "/api/v1/kpis/summary")).then().statusCode(403);
        // Without a token nothing under /api answers.
        for (String service : LocalSuite.ALL_SERVICES) {
            RestAssured.given().get(url(service, "/api/v1/admin/events/dead-letters")).then().statusCode(401)
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        }
    }

    @Test
    void aRequestAgainstDemoDataCarriesItsSnapshotToTheCase() {
        // CUST-1006's KYC expired on 2026-11-29: the refund is logged but held for review; invoice INV-2026-0011 has
        // 2300.00 EUR open.
        Map<String, Object> refund = new java.util.HashMap<>(request("EMAIL", "REFUND", "CUST-1006"));
        refund.put("invoiceNumber", "INV-2026-0011");
        refund.put("disputedAmount", Map.of("amount", "300.00", "currency", "EUR"));
        String requestId = staff().contentType(ContentType.JSON).body(refund).post(url("intake-service", "/api/v1/requests"))
                .then().statusCode(201).body("kycHold", org.hamcrest.Matchers.equalTo(true))
                .body("kycHoldReason", org.hamcrest.Matchers.equalTo("KYC expired on 2026-11-29")).extract().path("id");
        Map<String, Object> opened = await().atMost(EVENTUALLY).until(() -> casesOf(requestId), found -> found.size() == 1).get(0);
        assertThat(opened.get("kycHold")).isEqualTo(true);
        assertThat(opened.get("kycHoldReason")).isEqualTo("KYC expired on 2026-11-29");
        assertThat(opened.get("customerTier")).isEqualTo("PLATINUM");
        assertThat(opened.get("invoiceOpenAmount")).isEqualTo(Map.of("amount", "2300.00", "currency", "EUR"));

        // The money rules hold against the demo invoices: more than is open, or another customer's invoice, is refused.
        Map<String, Object> tooMuch = new java.util.HashMap<>(refund);
        tooMuch.put("disputedAmount", Map.of("amount", "2300.01", "currency", "EUR"));
        tooMuch.put("type", "CREDIT");
        staff().contentType(ContentType.JSON).body(tooMuch).post(url("intake-service", "/api/v1/requests"))
                .then().statusCode(422).body("type", org.hamcrest.Matchers.equalTo("urn:resolve:problem:amount-exceeds-open-amount"));
        Map<String, Object> notTheirs = new java.util.HashMap<>(refund);
        notTheirs.put("invoiceNumber", "INV-2026-0001");
        staff().contentType(ContentType.JSON).body(notTheirs).post(url("intake-service", "/api/v1/requests"))
                .then().statusCode(422).body("type", org.hamcrest.Matchers.equalTo("urn:resolve:problem:invoice-not-customers"));
    }

    @Test
    void aLoggedRequestBecomesACaseAuditEntriesAndKpis() {
        JsonPath before = kpis();
        int loggedBefore = count(before, "requestsLogged", "SERVICE_DESK", "CREDIT");
        int openBefore = count(before, "casesOpen", "SERVICE_DESK", "CREDIT");

        Response created = as(new Caller("agent-ann", "Ann Agent", List.of(Roles.AGENT), "billing", null))
                .contentType(ContentType.JSON).header("X-Correlation-Id", "system-flow-1")
                .body(request("SERVICE_DESK", "CREDIT"))
                .post(url("intake-service", "/api/v1/requests"));
        created.then().statusCode(201);
        String requestId = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/requests/" + requestId);
        assertThat((String) created.path("number")).matches("SR-\\d{6}");

        List<Map<String, Object>> cases = await().atMost(EVENTUALLY).until(() -> casesOf(requestId), found -> found.size() == 1);
        Map<String, Object> opened = cases.get(0);
        assertThat(opened.get("status")).isEqualTo("NEW");
        assertThat(opened.get("requestNumber")).isEqualTo(created.path("number"));
        String caseId = (String) opened.get("id");
        staff().get(url("case-service", "/api/v1/cases/" + caseId)).then().statusCode(200);

        List<Map<String, Object>> requestTrail = await().atMost(EVENTUALLY).until(() -> auditOf(requestId), found -> found.size() == 1);
        List<Map<String, Object>> caseTrail = await().atMost(EVENTUALLY).until(() -> auditOf(caseId), found -> found.size() == 1);
        assertThat(requestTrail.get(0).get("eventType")).isEqualTo("RequestLogged.v1");
        assertThat(caseTrail.get(0).get("eventType")).isEqualTo("CaseOpened.v1");
        assertThat(requestTrail.get(0).get("correlationId")).isEqualTo("system-flow-1");
        assertThat(caseTrail.get(0).get("correlationId")).isEqualTo("system-flow-1");
        assertThat(caseTrail.get(0).get("causationId")).isEqualTo(requestTrail.get(0).get("eventId"));
        // The caller is the actor of what they did; what the suite does on its own carries a system actor.
        assertThat(requestTrail.get(0).get("actor")).isEqualTo("agent-ann");
        assertThat(requestTrail.get(0).get("actorRoles")).isEqualTo(List.of(Roles.AGENT));
        assertThat(caseTrail.get(0).get("actor")).isEqualTo("system:case-service");
        assertThat(caseTrail.get(0).get("actorRoles")).isEqualTo(List.of());

        staff().get(url("audit-service", "/api/v1/audit/verify")).then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(true));

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonPath after = kpis();
            assertThat(count(after, "requestsLogged", "SERVICE_DESK", "CREDIT")).isEqualTo(loggedBefore + 1);
            assertThat(count(after, "casesOpen", "SERVICE_DESK", "CREDIT")).isEqualTo(openBefore + 1);
        });
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                RestAssured.given().get(url("metrics-service", "/q/metrics")).then().statusCode(200).extract().asString())
                .contains("resolve_requests_logged_total{channel=\"SERVICE_DESK\"")
                .contains("resolve_cases_open{channel=\"SERVICE_DESK\""));
    }

    @Test
    void aRetriedPostWithOneIdempotencyKeyLogsOneRequestOneCaseAndOneAuditEntry() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = request("PORTAL", "REFUND");
        Response first = staff().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(url("intake-service", "/api/v1/requests"));
        first.then().statusCode(201);
        Response retry = staff().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(url("intake-service", "/api/v1/requests"));
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        String requestId = first.path("id");
        assertThat((String) retry.path("id")).isEqualTo(requestId);
        assertThat(retry.asString()).isEqualTo(first.asString());

        String caseId = (String) await().atMost(EVENTUALLY).until(() -> casesOf(requestId), found -> found.size() == 1).get(0).get("id");
        await().atMost(EVENTUALLY).until(() -> auditOf(caseId), found -> found.size() == 1);

        // A later request's case and audit entries have arrived, so anything the retry could have caused has too.
        Response later = staff().contentType(ContentType.JSON).body(request("PORTAL", "REFUND"))
                .post(url("intake-service", "/api/v1/requests"));
        String laterCase = (String) await().atMost(EVENTUALLY)
                .until(() -> casesOf(later.path("id")), found -> found.size() == 1).get(0).get("id");
        await().atMost(EVENTUALLY).until(() -> auditOf(laterCase), found -> found.size() == 1);

        assertThat(casesOf(requestId)).hasSize(1);
        assertThat(auditOf(requestId)).hasSize(1);
        assertThat(auditOf(caseId)).hasSize(1);
        staff().contentType(ContentType.JSON).header("Idempotency-Key", key).body(request("PORTAL", "CREDIT"))
                .post(url("intake-service", "/api/v1/requests")).then().statusCode(422);
    }

    @Test
    void badInputIsRefusedWithAProblemAndLogsNothing() {
        staff().contentType(ContentType.JSON).body("{\"channel\": ")
                .post(url("intake-service", "/api/v1/requests"))
                .then().statusCode(400).contentType("application/problem+json");
        String customer = "CUST-NEG-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> negative = new java.util.HashMap<>(request("EMAIL", "REFUND"));
        negative.put("customerReference", customer);
        negative.put("disputedAmount", Map.of("amount", "-5.00", "currency", "EUR"));
        staff().contentType(ContentType.JSON).body(negative)
                .post(url("intake-service", "/api/v1/requests"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("disputedAmount.amount"));
    }

    @Test
    void everyServiceIsReadyAndServesItsDocuments() {
        for (String service : LocalSuite.ALL_SERVICES) {
            staff().get(url(service, "/q/health/ready")).then().statusCode(200);
            staff().get(url(service, "/q/openapi")).then().statusCode(200);
            staff().get(url(service, "/q/metrics")).then().statusCode(200);
        }
    }
}
