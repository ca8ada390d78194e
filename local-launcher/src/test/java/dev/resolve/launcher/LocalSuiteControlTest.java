package dev.resolve.launcher;

import dev.resolve.embedded.LocalIdentityProvider;

import dev.resolve.embedded.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link LocalSuite}'s control calls (kill, stop, start, restart, cut connections) on one suite with real jars. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSuiteControlTest {

    private static final String SERVICE = "intake-service";
    private static final String ADDED = "approval-service";
    private static final String TOPIC = "intake.requests";

    private static LocalSuite suite;
    private static final List<ProcessHandle> launched = new ArrayList<>();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @BeforeAll
    static void startIntakeService() {
        Path jar = LocalSuite.defaultRepositoryRoot().resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.isRegularFile(jar), "Build intake-service first (mvn -B package -DskipTests)");
        suite = LocalSuite.builder()
                .temporaryDataDirectory()
                .demoData(true)
                .portMode(LocalSuite.PortMode.ALL_FREE)
                .services(SERVICE)
                .readyTimeout(Duration.ofSeconds(90))
                .start();
    }

    @AfterAll
    static void closeTheSuite() {
        if (suite == null) {
            return;
        }
        suite.close();
        assertThat(launched).allSatisfy(process -> assertThat(process.isAlive()).as("pid %d", process.pid()).isFalse());
        assertThatThrownBy(() -> suite.startService(SERVICE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    @Order(1)
    void shouldRestartAKilledServiceOnItsPortWithItsData() throws Exception {
        String id = logRequest();
        int port = suite.servicePort(SERVICE);
        ProcessHandle killed = suite.serviceProcess(SERVICE);
        launched.add(killed);

        suite.killService(SERVICE);

        assertThat(killed.isAlive()).isFalse();
        assertThat(suite.isRunning(SERVICE)).isFalse();
        assertThat(suite.pid(SERVICE)).isEmpty();
        assertThat(FreePorts.isFree(port)).as("port released").isTrue();
        suite.killService(SERVICE); // killing a stopped service does nothing

        suite.startService(SERVICE);

        launched.add(suite.serviceProcess(SERVICE));
        assertThat(suite.isRunning(SERVICE)).isTrue();
        assertThat(suite.servicePort(SERVICE)).isEqualTo(port);
        assertThat(suite.pid(SERVICE)).isNotEmpty().isNotEqualTo(java.util.OptionalLong.of(killed.pid()));
        HttpResponse<String> kept = get("/api/v1/requests/" + id);
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        String log = Files.readString(suite.logFile(SERVICE));
        assertThat(log).contains(SERVICE + " started again by LocalSuite");
        assertThat(log.split("started in", -1)).as("both runs' output is in the log").hasSize(3);
        assertThatThrownBy(() -> suite.startService(SERVICE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running already");
    }

    @Test
    @Order(2)
    void shouldStopAServiceGracefullyAndRestartIt() throws Exception {
        ProcessHandle before = suite.serviceProcess(SERVICE);

        suite.stopService(SERVICE);

        assertThat(before.isAlive()).isFalse();
        assertThat(suite.isRunning(SERVICE)).isFalse();
        assertThat(Files.readString(suite.logFile(SERVICE))).as("Quarkus shut down by itself").contains("stopped in");

        suite.restartService(SERVICE);

        launched.add(suite.serviceProcess(SERVICE));
        assertThat(suite.isRunning(SERVICE)).isTrue();
        assertThat(suite.serviceProcess(SERVICE).pid()).isNotEqualTo(before.pid());
        logRequest();
    }

    @Test
    @Order(3)
    void shouldKeepKafkaTopicsRecordsAndPortAcrossAStop() throws Exception {
        int port = suite.kafkaPort();
        String marker = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "key", marker)).get(20, TimeUnit.SECONDS);
        }
        long eventsBefore = awaitRecords(TOPIC, 1);

        suite.stopKafka();

        assertThat(suite.isKafkaRunning()).isFalse();
        assertThat(FreePorts.isFree(port)).as("Kafka port released").isTrue();
        assertThat(suite.isRunning(SERVICE)).as("services keep running").isTrue();

        suite.startKafka();

        assertThat(suite.isKafkaRunning()).isTrue();
        assertThat(suite.kafkaPort()).isEqualTo(port);
        assertThat(suite.kafkaBootstrapServers()).isEqualTo("localhost:" + port);
        assertThat(readAll("probe")).containsExactly(marker);
        assertThat(recordCount(TOPIC)).isEqualTo(eventsBefore);
        logRequest();
        assertThat(awaitRecords(TOPIC, eventsBefore + 1)).as("intake publishes again").isGreaterThan(eventsBefore);
    }

    @Test
    @Order(4)
    void shouldKeepPostgresDataAcrossARestart() throws Exception {
        String id = logRequest();
        int port = suite.postgresPort();
        long postmaster = suite.postgresPid().orElseThrow();

        suite.restartPostgres();

        assertThat(suite.isPostgresRunning()).isTrue();
        assertThat(suite.postgresPort()).isEqualTo(port);
        assertThat(suite.postgresPid()).isNotEmpty().isNotEqualTo(java.util.OptionalLong.of(postmaster));
        try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(SERVICE), "intake_service", "intake_service");
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM service_request WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
        logRequestWithRetries();
    }

    @Test
    @Order(5)
    void shouldCutTheDatabaseConnectionsOfAServiceWhichThenRecovers() throws Exception {
        String id = logRequest();

        int terminated = suite.terminateDatabaseConnections(SERVICE);

        assertThat(terminated).as("intake's pool held connections").isPositive();
        int attempts = logRequestWithRetries();
        assertThat(attempts).as("attempts until a POST succeeded").isLessThanOrEqualTo(5);
        assertThat(get("/api/v1/requests/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void shouldStartAServiceTheSuiteWasNotBuiltWith() throws Exception {
        Path jar = suite.repositoryRoot().resolve(ADDED).resolve("target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.isRegularFile(jar), "Build " + ADDED + " first");
        assertThat(suite.isRunning(ADDED)).isFalse();
        assertThatThrownBy(() -> suite.killService(ADDED)).isInstanceOf(IllegalArgumentException.class);

        suite.startService(ADDED);

        launched.add(suite.serviceProcess(ADDED));
        assertThat(suite.services()).containsExactly(SERVICE, ADDED);
        assertThat(suite.isRunning(ADDED)).isTrue();
        assertThat(suite.servicePort(ADDED)).isNotEqualTo(suite.servicePort(SERVICE));
        HttpResponse<String> policy = http.send(HttpRequest.newBuilder(
                suite.serviceUrl(ADDED).resolve("/api/v1/policies/current")).header("Authorization", bearer(suite)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(ADDED), "approval_service", "approval_service");
                ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("approval_service");
        }
    }

    @Test
    void shouldRefuseControlCallsBeforeStart() {
        LocalSuite idle = LocalSuite.builder().temporaryDataDirectory().build();
        assertThatThrownBy(() -> idle.stopKafka()).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        assertThatThrownBy(() -> idle.startService(SERVICE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> idle.startService("no-such-service")).isInstanceOf(IllegalArgumentException.class);
        assertThat(idle.isRunning(SERVICE)).isFalse();
        assertThat(idle.pid(SERVICE)).isEmpty();
        idle.close();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** POSTs a new request and returns its id; fails unless the answer is 201. */
    private String logRequest() throws Exception {
        HttpResponse<String> created = post();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return jsonString(created.body(), "id");
    }

    /** POSTs until one is answered 201 (at most 10 tries, half a second apart); returns how many it took. */
    private int logRequestWithRetries() throws Exception {
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= 10; attempt++) {
            last = post();
            if (last.statusCode() == 201) {
                return attempt;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No POST succeeded in 10 tries; the last answer was " + last.statusCode() + " " + last.body());
    }

    private HttpResponse<String> post() throws Exception {
        String body = """
                {"channel":"PORTAL","customerReference":"CUST-10%02d","type":"GENERAL_INQUIRY","subject":"s %s","description":"d"}"""
                .formatted(1 + (int) (Math.random() * 12), UUID.randomUUID());
        return http.send(HttpRequest.newBuilder(suite.serviceUrl(SERVICE).resolve("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(suite))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(suite.serviceUrl(SERVICE).resolve(path)).header("Authorization", bearer(suite))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static long recordCount(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(20)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Waits up to 30 seconds until {@code topic} holds at least {@code count} records; returns how many it holds. */
    private static long awaitRecords(String topic, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen = 0;
        while (System.nanoTime() < deadline) {
            try {
                seen = recordCount(topic);
            } catch (RuntimeException e) {
                seen = 0; // the topic may not exist yet
            }
            if (seen >= count) {
                return seen;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(topic + " holds " + seen + " records, expected at least " + count);
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
