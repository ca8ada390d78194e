package dev.resolve.metrics.api;

import io.restassured.RestAssured;
import dev.resolve.metrics.api.Kpis.Summary;
import dev.resolve.testing.SharedInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.resolve.metrics.api.Kpis.CASES;
import static dev.resolve.metrics.api.Kpis.REQUESTS;
import static dev.resolve.metrics.api.Kpis.awaitSummary;
import static dev.resolve.metrics.api.Kpis.summary;
import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** The KPIs at /q/metrics match the database, whichever instance applied the events. */
@QuarkusTest
class KpiMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    @Test
    void shouldExposeLoggedRequestsAsACounter() {
        Summary before = summary();
        Events.logRequest("PORTAL", "INVOICE_CORRECTION");
        Events.logRequest("PORTAL", "INVOICE_CORRECTION");
        Summary after = awaitSummary(s -> s.count(REQUESTS, "PORTAL", "INVOICE_CORRECTION")
                >= before.count(REQUESTS, "PORTAL", "INVOICE_CORRECTION") + 2);
        long expected = after.count(REQUESTS, "PORTAL", "INVOICE_CORRECTION");

        awaitSample("resolve_requests_logged_total", "PORTAL", "INVOICE_CORRECTION", expected);
        RestAssured.given().get("/q/metrics").then().body(containsString("# TYPE resolve_requests_logged counter"));
    }

    @Test
    void shouldExposeOpenCasesAsAGauge() {
        Summary before = summary();
        Events.openCase("SERVICE_DESK", "CREDIT");
        Summary after = awaitSummary(s -> s.count(CASES, "SERVICE_DESK", "CREDIT") > before.count(CASES, "SERVICE_DESK", "CREDIT"));
        long expected = after.count(CASES, "SERVICE_DESK", "CREDIT");

        awaitSample("resolve_cases_open", "SERVICE_DESK", "CREDIT", expected);
        RestAssured.given().get("/q/metrics").then().body(containsString("# TYPE resolve_cases_open gauge"));
    }

    @Test
    void shouldPickUpCountsAnotherInstanceApplied() throws Exception {
        // Another instance counted events of a combination this one has never seen: the periodic refresh
        // (every second in tests) registers the meter and reports the database's value.
        String type = "OTHER_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        try (Connection connection = DriverManager.getConnection(SharedInfrastructure.jdbcUrl(),
                SharedInfrastructure.DATABASE, SharedInfrastructure.DATABASE);
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO kpi_counter (kpi, channel, request_type, value, last_event_at, updated_at)
                     VALUES ('requests_logged', 'BILLING_SYSTEM', ?, 7, now(), now())""")) {
            insert.setString(1, type);
            insert.executeUpdate();
        }
        awaitSample("resolve_requests_logged_total", "BILLING_SYSTEM", type, 7);
        assertThat(summary().count(REQUESTS, "BILLING_SYSTEM", type)).isEqualTo(7);
    }

    private static void awaitSample(String name, String channel, String type, long expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(sample(name, channel, type)).as("%s{channel=%s,type=%s}", name, channel, type)
                        .hasValue(expected));
    }

    /** The value of the sample {@code name{channel,type}} at /q/metrics, if there is one. */
    private static OptionalDouble sample(String name, String channel, String type) {
        String text = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            if (!sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (channel.equals(labels.get("channel")) && type.equals(labels.get("type"))) {
                return OptionalDouble.of(Double.parseDouble(sample.group(3)));
            }
        }
        return OptionalDouble.empty();
    }
}
