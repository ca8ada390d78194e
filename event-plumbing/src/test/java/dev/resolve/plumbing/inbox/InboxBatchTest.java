package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.plumbing.TestEvents;
import dev.resolve.testing.DatabaseOutage;
import dev.resolve.testing.SharedInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.resolve.testing.KafkaTopics.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/** Batches, concurrency and faults of the inbox, against the real broker and database. */
@QuarkusTest
class InboxBatchTest {

    @Inject
    EntityManager entityManager;

    @Test
    void shouldApplyTheRestOfABatchAndDeadLetterOnlyTheEventThatKeepsFailing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID aggregate = UUID.randomUUID();
        List<EventEnvelope> events = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            String subject = n == 17 ? TestConsumer.ALWAYS_FAILS : run + "-" + n;
            events.add(TestEvents.envelope(UUID.randomUUID(), TestEvents.requestLogged(aggregate, subject)));
        }
        sendAll(events);

        await().atMost(Duration.ofSeconds(30)).until(() -> handledSubjects(aggregate).size() == 29);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            if (n != 17) {
                expected.add(run + "-" + n);
            }
        }
        assertThat(handledSubjects(aggregate)).containsExactlyElementsOf(expected);
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(events.get(16).eventId());
        assertThat(header(dead, "dead-letter-reason")).contains("handler failed 3 times");
    }

    @Test
    void shouldDeadLetterAnEventARuleRefusesAtOnce() {
        UUID aggregate = UUID.randomUUID();
        EventEnvelope refused = TestEvents.envelope(UUID.randomUUID(), TestEvents.requestLogged(aggregate, TestConsumer.REFUSED));
        EventEnvelope next = TestEvents.envelope(UUID.randomUUID(), TestEvents.requestLogged(aggregate, "after the refusal"));
        sendAll(List.of(refused, next));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(refused.eventId());
        assertThat(header(dead, "dead-letter-reason")).isEqualTo("the request breaks a rule");
        await().atMost(Duration.ofSeconds(10)).until(() -> handledSubjects(aggregate).equals(List.of("after the refusal")));
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "resolve_events_dead_lettered_total{consumer=\"test-events\",reason=\"rejected\"}"));
    }

    @Test
    void shouldConsumePartitionsConcurrentlyAndKeepEachAggregatesOrder() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<UUID, List<String>> sent = new LinkedHashMap<>();
        List<EventEnvelope> events = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            for (int a = 0; a < 12; a++) {
                UUID aggregate = new UUID(0xC0FFEEL, a + run.hashCode() * 100L);
                String subject = run + "-" + n;
                sent.computeIfAbsent(aggregate, key -> new ArrayList<>()).add(subject);
                events.add(TestEvents.envelope(UUID.randomUUID(), TestEvents.requestLogged(aggregate, subject)));
            }
        }
        sendAll(events);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                sent.keySet().stream().allMatch(aggregate -> handledSubjects(aggregate).size() == 40));
        sent.forEach((aggregate, subjects) -> assertThat(handledSubjects(aggregate)).containsExactlyElementsOf(subjects));
        Set<String> threads = new HashSet<>();
        sent.keySet().forEach(aggregate -> threads.addAll(handlingThreads(aggregate)));
        assertThat(threads).as("threads that applied the events").hasSizeGreaterThan(1);
    }

    @Test
    void shouldWaitOutADatabaseOutageWithoutDeadLetteringAndApplyAfterwards() {
        UUID aggregate = UUID.randomUUID();
        EventEnvelope event = TestEvents.envelope(UUID.randomUUID(), TestEvents.requestLogged(aggregate, "during the outage"));
        try (DatabaseOutage outage = DatabaseOutage.begin()) {
            sendAll(List.of(event));
            // Far beyond the attempts a failing handler gets (3 here): an outage is waited out, not counted.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then()
                    .statusCode(503).body("checks.find { it.name == 'event consumers' }.status", is("DOWN")));
            sleep(5000);
            assertThat(deadLetters(event.eventId())).isEmpty();
            given().get("/q/health/ready").then().statusCode(503);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handledSubjects(aggregate).equals(List.of("during the outage")));
        assertThat(deadLetters(event.eventId())).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(200));
    }

    private static void sendAll(List<EventEnvelope> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(event -> producer.send(CloudEventCodec.toRecord(InboxTest.TOPIC, event)));
            producer.flush();
        }
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters(eventId).isEmpty());
        List<ConsumerRecord<String, byte[]>> records = deadLetters(eventId);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(UUID eventId) {
        return dev.resolve.testing.KafkaTopics.read(InboxTest.DEAD_LETTERS, r -> eventId.toString().equals(header(r, "ce_id")));
    }

    @SuppressWarnings("unchecked")
    private List<String> handledSubjects(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT subject FROM handled_event WHERE aggregate_id = ?1 ORDER BY position")
                .setParameter(1, aggregate.toString()).getResultList());
    }

    @SuppressWarnings("unchecked")
    private List<String> handlingThreads(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT DISTINCT thread FROM handled_event WHERE aggregate_id = ?1")
                .setParameter(1, aggregate.toString()).getResultList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
