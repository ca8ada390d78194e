package dev.resolve.metrics.api;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.resolve.testing.Callers.asStaff;
import static org.awaitility.Awaitility.await;

/** Reads the KPI summary in tests. */
final class Kpis {

    static final String REQUESTS = "requestsLogged";
    static final String CASES = "casesOpen";

    private Kpis() {
    }

    /** The summary without filters. */
    static Summary summary() {
        return new Summary(asStaff().get("/api/v1/kpis/summary").then().statusCode(200).extract().jsonPath());
    }

    /** Waits until the summary satisfies {@code condition}, and returns it. */
    static Summary awaitSummary(Predicate<Summary> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(Kpis::summary, condition);
    }

    /** One answer of {@code GET /api/v1/kpis/summary}. */
    record Summary(JsonPath json) {

        long total(String kpi) {
            return json.getLong(kpi + ".total");
        }

        long byChannel(String kpi, String channel) {
            return orZero(json.getMap(kpi + ".byChannel").get(channel));
        }

        long byType(String kpi, String type) {
            return orZero(json.getMap(kpi + ".byType").get(type));
        }

        long count(String kpi, String channel, String type) {
            List<Map<String, Object>> rows = json.getList(kpi + ".byChannelAndType");
            return rows.stream()
                    .filter(row -> channel.equals(row.get("channel")) && type.equals(row.get("type")))
                    .mapToLong(row -> ((Number) row.get("count")).longValue())
                    .sum();
        }

        String asOf() {
            return json.getString("asOf");
        }

        private static long orZero(Object value) {
            return value == null ? 0 : ((Number) value).longValue();
        }
    }
}
