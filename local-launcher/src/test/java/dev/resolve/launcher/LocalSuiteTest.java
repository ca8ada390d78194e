package dev.resolve.launcher;

import dev.resolve.embedded.LocalIdentityProvider;

import dev.resolve.embedded.FreePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real intake-service jar (the only service built at this point) under {@link LocalSuite}: start, use,
 * stop cleanly; restart on the same data; restart fresh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSuiteTest {

    private static final String SERVICE = "intake-service";
    private static final String NEW_REQUEST = """
            {"channel":"PORTAL","customerReference":"CUST-1001","type":"GENERAL_INQUIRY","subject":"s","description":"d"}""";

    @TempDir
    static Path data;

    /** Path of the request logged by the first run, e.g. /api/v1/requests/{id}. */
    private static String requestPath;
    private static String requestId;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void requireBuiltIntakeService() {
        Path jar = LocalSuite.defaultRepositoryRoot().resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.isRegularFile(jar), "Build intake-service first (mvn -B install -f intake-service/pom.xml)");
    }

    private static LocalSuite.Builder suite() {
        return LocalSuite.builder()
                .dataDirectory(data)
                .demoData(true)
                .portMode(LocalSuite.PortMode.ALL_FREE)
                .services(SERVICE)
                .readyTimeout(Duration.ofSeconds(90));
    }

    @Test
    @Order(1)
    void shouldStartTheServiceOnItsOwnDatabaseAndStopEverythingCleanly() throws Exception {
        LocalSuite suite = suite().start();
        ProcessHandle process;
        int servicePort;
        int postgresPort;
        int kafkaPort;
        try {
            process = suite.serviceProcess(SERVICE);
            servicePort = suite.servicePort(SERVICE);
            postgresPort = suite.postgresPort();
            kafkaPort = suite.kafkaPort();
            System.out.printf("%s alone was ready in %d ms%n", SERVICE, suite.startupTime().toMillis());
            assertThat(process.isAlive()).isTrue();
            assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(suite.serviceUrls()).containsOnlyKeys(SERVICE);
            assertThat(suite.kafkaBootstrapServers()).isEqualTo("localhost:" + kafkaPort);
            assertThat(suite.jdbcUrl(SERVICE)).isEqualTo("jdbc:postgresql://localhost:" + postgresPort + "/intake_service");

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(suite.serviceUrl(SERVICE).resolve("/api/v1/requests"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", bearer(suite))
                    .POST(HttpRequest.BodyPublishers.ofString(NEW_REQUEST))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            requestId = jsonString(created.body(), "id");
            requestPath = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
            assertThat(requestPath).isEqualTo("/api/v1/requests/" + requestId);

            // The demo data is there; a change to it (here the KYC standing) must survive the next start.
            assertThat(jsonString(get(suite, "/api/v1/invoices/INV-2026-0024").body(), "status")).isEqualTo("CANCELLED");
            HttpResponse<String> kyc = http.send(HttpRequest.newBuilder(suite.serviceUrl(SERVICE).resolve("/api/v1/customers/CUST-1001/kyc"))
                    .header("Content-Type", "application/json").header("Authorization", bearer(suite))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"PENDING\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(kyc.statusCode()).as(kyc.body()).isEqualTo(200);

            assertThat(get(suite, "/q/swagger-ui/").statusCode()).isEqualTo(200);
            try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(SERVICE), "intake_service", "intake_service");
                    ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("intake_service");
            }
            assertThat(suite.logFile(SERVICE)).exists();
            assertThat(Files.readString(suite.logFile(SERVICE))).contains("started in");
            assertThat(data.resolve("run").resolve(SERVICE + ".pid")).hasContent(Long.toString(process.pid()));
        } finally {
            suite.close();
        }

        assertThat(process.isAlive()).isFalse();
        assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(FreePorts.isFree(servicePort)).as("service port free").isTrue();
        assertThat(FreePorts.isFree(postgresPort)).as("PostgreSQL port free").isTrue();
        assertThat(FreePorts.isFree(kafkaPort)).as("Kafka port free").isTrue();
        assertThat(data.resolve("run").resolve(SERVICE + ".pid")).doesNotExist();
        assertThat(data.resolve("postgres")).isDirectory();
        assertThat(data.resolve("kafka")).isDirectory();
        suite.close(); // closing twice does nothing
    }

    @Test
    @Order(2)
    void shouldKeepTheDataBetweenRuns() throws Exception {
        assertThat(requestPath).as("the first run logged a request").isNotNull();
        try (LocalSuite suite = suite().start()) {
            HttpResponse<String> kept = get(suite, requestPath);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(jsonString(kept.body(), "id")).isEqualTo(requestId);
            assertThat(jsonString(kept.body(), "customerReference")).isEqualTo("CUST-1001");
            // The demo data is loaded once: the change made in the first run stands.
            assertThat(get(suite, "/api/v1/customers/CUST-1001").body()).contains("\"status\":\"PENDING\"");

            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            ResolveLocal.printSummary(suite, new PrintStream(summary, true, StandardCharsets.UTF_8));
            assertThat(summary.toString(StandardCharsets.UTF_8))
                    .contains(suite.serviceUrl(SERVICE) + "/q/swagger-ui")
                    .contains(suite.serviceUrl(SERVICE) + "/q/health")
                    .contains("jdbc:postgresql://localhost:" + suite.postgresPort())
                    .contains(suite.kafkaBootstrapServers())
                    .contains("Ctrl-C");

            assertThatThrownBy(() -> suite().start())
                    .isInstanceOf(LocalSuiteException.class)
                    .hasMessageContaining("Another Resolve suite is running on " + data.toAbsolutePath().normalize());
        }
    }

    @Test
    @Order(3)
    void shouldWipeTheDataWhenStartedFresh() throws Exception {
        assertThat(requestPath).as("the first run logged a request").isNotNull();
        try (LocalSuite suite = suite().fresh(true).start()) {
            HttpResponse<String> gone = get(suite, requestPath);
            assertThat(gone.statusCode()).as(gone.body()).isEqualTo(404);
            // On empty databases the demo data is loaded again, as shipped.
            assertThat(get(suite, "/api/v1/customers/CUST-1001").body()).contains("\"status\":\"VERIFIED\"");
        }
    }

    @Test
    @Order(4)
    void shouldStopEverythingAndShowTheLogWhenAServiceDoesNotStart() {
        int nothingListens = FreePorts.find();
        LocalSuite suite = LocalSuite.builder()
                .temporaryDataDirectory()
                .portMode(LocalSuite.PortMode.ALL_FREE)
                .services(SERVICE)
                .systemProperty(SERVICE, "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + nothingListens + "/nowhere")
                .readyTimeout(Duration.ofSeconds(90))
                .build();
        assertThatThrownBy(suite::start)
                .isInstanceOf(LocalSuiteException.class)
                .hasMessageContaining(SERVICE + " stopped during start-up")
                .hasMessageContaining("Last lines of")
                .hasMessageContaining("  | ");
        assertThat(suite.serviceProcess(SERVICE).isAlive()).isFalse();
        assertThat(suite.dataDirectory()).as("a temporary data directory is removed").doesNotExist();
        suite.close();
    }

    private HttpResponse<String> get(LocalSuite suite, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(suite.serviceUrl(SERVICE).resolve(path)).header("Authorization", bearer(suite))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String jsonString(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as("%s in %s", field, json).isTrue();
        return matcher.group(1);
    }

    /** A bearer token the suite trusts, for a caller holding every staff role. */
    static String bearer(LocalSuite suite) {
        return "Bearer " + suite.token(new LocalIdentityProvider.Caller("launcher-test", null,
                java.util.List.of("admin", "agent", "team-lead", "auditor"), "billing", null), java.time.Duration.ofMinutes(30));
    }
}
