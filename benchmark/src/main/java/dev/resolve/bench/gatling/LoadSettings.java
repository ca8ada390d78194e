package dev.resolve.bench.gatling;

import java.time.Duration;

/** What a simulation is told by the benchmark, as system properties of Gatling's JVM ({@code -Dbench.*}). */
record LoadSettings(String baseUrl, String token, int rate, int users, Duration warmUp, Duration duration) {

    static final String BASE_URL = "bench.baseUrl";
    /** The bearer token of the benchmark's caller (a billing system). */
    static final String TOKEN = "bench.token";
    static final String RATE = "bench.rate";
    static final String USERS = "bench.users";
    static final String WARM_UP_MS = "bench.warmUpMs";
    static final String DURATION_MS = "bench.durationMs";

    /** The request name of measured requests in Gatling's results. */
    static final String MEASURED_REQUEST = "log request";
    /** The request name of warm-up requests in Gatling's results. */
    static final String WARM_UP_REQUEST = "warm-up";

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                require(BASE_URL),
                require(TOKEN),
                Integer.parseInt(System.getProperty(RATE, "0")),
                Integer.parseInt(System.getProperty(USERS, "0")),
                Duration.ofMillis(Long.parseLong(System.getProperty(WARM_UP_MS, "0"))),
                Duration.ofMillis(Long.parseLong(require(DURATION_MS))));
    }

    private static String require(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set (the benchmark sets it)");
        }
        return value;
    }
}
