package dev.resolve.system;

import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider.Caller;
import dev.resolve.launcher.LocalSuite;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing is lost when parts of the suite fail under load. Requests arrive at a steady rate while, one after another,
 * case-service is killed with SIGKILL and started again, the Kafka broker is stopped for 10 seconds, the database
 * connections of the consuming services are cut, and PostgreSQL itself is restarted. Afterwards every request that
 * got a 201 (and every request intake stored) has exactly one case, each event is in the audit trail exactly once,
 * the chain verifies, the KPI counts equal the number of requests, and no dead-letter topic holds anything.
 */
class EventPipeFaultSystemTest {

    private static final Duration CONVERGED = Duration.ofSeconds(180);
    private static final int REQUESTS_PER_SECOND = 20;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static LocalSuite suite;
    /** A billing system's token (it logs the requests) that also reads the trail, cases and KPIs. */
    private static String token;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSuite() {
        suite = LocalSuite.builder()
                .temporaryDataDirectory()
                .demoData(true)
                .portMode(LocalSuite.PortMode.ALL_FREE)
                .readyTimeout(Duration.ofMinutes(3))
                .progress(line -> System.out.println("[suite] " + line))
                .start();
        token = suite.token(new Caller("fault-test", null, List.of(Roles.BILLING_SYSTEM, Roles.ADMIN), null, null),
                Duration.ofHours(1));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void shouldLoseNothingWhileServicesDieAndKafkaAndPostgresGoAway() throws Exception {
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        load.scheduleAtFixedRate(this::logOneRequest, 0, 1000 / REQUESTS_PER_SECOND, TimeUnit.MILLISECONDS);
        try {
            pause(5);
            step("case-service killed with SIGKILL");
            suite.killService("case-service");
            pause(3);
            suite.startService("case-service");
            pause(5);

            step("Kafka stopped for 10 s");
            int acceptedBefore = accepted.size();
            suite.stopKafka();
            pause(3);
            // The outbox keeps accepting requests while Kafka is away, and intake stays ready.
            assertThat(status("intake-service", "/q/health/ready")).isEqualTo(200);
            assertThat(status("case-service", "/q/health/ready")).isEqualTo(200);
            pause(7);
            assertThat(accepted.size()).as("requests accepted while Kafka was down").isGreaterThan(acceptedBefore + 5 * REQUESTS_PER_SECOND);
            suite.startKafka();
            pause(8);

            step("database connections of the consuming services cut");
            for (String service : List.of("case-service", "audit-service", "metrics-service")) {
                suite.terminateDatabaseConnections(service);
            }
            pause(5);

            step("PostgreSQL restarted");
            suite.restartPostgres();
            pause(8);
        } finally {
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        step("load stopped: " + outcomes + ", " + accepted.size() + " accepted");
        assertThat(accepted.size()).isGreaterThan(40 * REQUESTS_PER_SECOND / 2);

        await().atMost(CONVERGED).pollInterval(Duration.ofSeconds(2)).untilAsserted(this::assertNothingLost);
        assertThat(deadLetters("case-service")).isZero();
        assertThat(deadLetters("audit-service")).isZero();
        assertThat(deadLetters("metrics-service")).isZero();
        assertThat(get("audit-service", "/api/v1/audit/verify").body()).contains("\"valid\":true");
    }

    private void assertNothingLost() throws SQLException {
        List<UUID> stored = ids("intake-service", "SELECT id FROM service_request");
        assertThat(stored).as("every request that got a 201 is stored").containsAll(accepted);

        Map<UUID, Integer> casesPerRequest = new HashMap<>();
        Map<UUID, UUID> caseOfRequest = new HashMap<>();
        query("case-service", "SELECT request_id, id FROM service_case", row -> {
            UUID request = row.getObject(1, UUID.class);
            casesPerRequest.merge(request, 1, Integer::sum);
            caseOfRequest.put(request, row.getObject(2, UUID.class));
        });
        assertThat(casesPerRequest.keySet()).as("every stored request has a case").containsAll(stored);
        assertThat(casesPerRequest.values()).as("no request has two cases").allMatch(count -> count == 1);

        Map<String, Integer> entries = new HashMap<>();
        query("audit-service", "SELECT aggregate_id, event_type FROM audit_entry",
                row -> entries.merge(row.getString(1) + " " + row.getString(2), 1, Integer::sum));
        for (UUID request : stored) {
            assertThat(entries.get(request + " RequestLogged.v1")).as("RequestLogged of %s in the audit trail once", request).isEqualTo(1);
            assertThat(entries.get(caseOfRequest.get(request) + " CaseOpened.v1")).as("CaseOpened of %s in the audit trail once", request).isEqualTo(1);
        }
        assertThat(entries).hasSize(2 * stored.size());

        Map<String, Long> kpis = new HashMap<>();
        query("metrics-service", "SELECT kpi, sum(value) FROM kpi_counter GROUP BY kpi", row -> kpis.put(row.getString(1), row.getLong(2)));
        assertThat(kpis.get("requests_logged")).isEqualTo(stored.size());
        assertThat(kpis.get("cases_open")).isEqualTo(stored.size());

        for (String producer : List.of("intake-service", "case-service")) {
            assertThat(ids(producer, "SELECT event_id FROM outbox_message")).as("%s outbox drained", producer).isEmpty();
        }
    }

    private void logOneRequest() {
        String body = """
                {"channel":"PORTAL","customerReference":"CUST-10%02d","type":"BILLING_DISPUTE","subject":"Charged twice",\
                "description":"Fault test request %s","disputedAmount":{"amount":"42.50","currency":"EUR"}}"""
                .formatted(1 + ThreadLocalRandom.current().nextInt(12), UUID.randomUUID());
        HttpRequest request = HttpRequest.newBuilder(url("intake-service", "/api/v1/requests"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            outcomes.computeIfAbsent(Integer.toString(response.statusCode()), key -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 201) {
                Matcher id = ID.matcher(response.body());
                assertThat(id.find()).isTrue();
                accepted.add(UUID.fromString(id.group(1)));
            }
        } catch (Exception e) {
            outcomes.computeIfAbsent(e.getClass().getSimpleName(), key -> new AtomicInteger()).incrementAndGet();
        }
    }

    private int status(String service, String path) {
        return get(service, path).statusCode();
    }

    private HttpResponse<String> get(String service, String path) {
        try {
            return http.send(HttpRequest.newBuilder(url(service, path)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " on " + service + " failed", e);
        }
    }

    private static URI url(String service, String path) {
        return URI.create(suite.serviceUrl(service).toString().replaceAll("/$", "") + path);
    }

    /** Records waiting in {@code <service>.dlq}: its end offsets summed (the topic may not exist: 0). */
    private static long deadLetters(String service) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = service + ".dlq";
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<UUID> ids(String service, String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        query(service, sql, row -> ids.add(row.getObject(1, UUID.class)));
        return ids;
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private static void query(String service, String sql, RowHandler handler) throws SQLException {
        String database = LocalSuite.databaseName(service);
        try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(service), database, database);
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handler.handle(rows);
            }
        }
    }

    private static void step(String what) {
        System.out.println("[fault-test] " + what);
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
