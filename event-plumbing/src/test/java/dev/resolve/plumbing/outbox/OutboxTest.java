package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.json.Json;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.EventsConfig;
import dev.resolve.plumbing.TestEvents;
import dev.resolve.testing.KafkaTopics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static dev.resolve.testing.KafkaTopics.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxTest {

    @Inject
    EventPublisher publisher;
    @Inject
    EntityManager entityManager;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventsConfig config;
    @Inject
    OutboxTransport transport;
    @Inject
    MeterRegistry meters;

    private final EventMetadata metadata = EventMetadata.fromRequest("corr-outbox-test", "tester", "agent", "team-lead");

    @Test
    void shouldPublishCommittedEventsInOrderPerAggregateAsCloudEvents() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            publisher.publish(a.toString(), TestEvents.requestLogged(a, "a-1"), metadata);
            publisher.publish(a.toString(), TestEvents.requestLogged(a, "a-2"), metadata);
            publisher.publish(b.toString(), TestEvents.requestLogged(b, "b-1"), metadata);
            publisher.publish(a.toString(), TestEvents.requestLogged(a, "a-3"), metadata);
        });

        // The relay polls every 10 minutes in this test: seeing the events at all proves the commit woke it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(subjects(KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> a.toString().equals(r.key()))))
                        .containsExactly("a-1", "a-2", "a-3"));
        ConsumerRecord<String, byte[]> first = KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> a.toString().equals(r.key())).get(0);
        assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(first, "ce_type")).isEqualTo("RequestLogged.v1");
        assertThat(header(first, "ce_source")).isEqualTo("/resolve/plumbing-test");
        assertThat(header(first, "ce_subject")).isEqualTo(a.toString());
        assertThat(header(first, "ce_aggregatetype")).isEqualTo("ServiceRequest");
        assertThat(header(first, "ce_correlationid")).isEqualTo("corr-outbox-test");
        assertThat(header(first, "ce_actor")).isEqualTo("tester");
        assertThat(header(first, "ce_actorroles")).isEqualTo("agent,team-lead");
        assertThat(header(first, "content-type")).isEqualTo("application/json");
        assertThat(UUID.fromString(header(first, "ce_id"))).isNotNull();
        assertThat(EventSchemas.validate(new EventTypeName("RequestLogged", 1), json(first))).isEmpty();
        assertThat(KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> b.toString().equals(r.key()))).hasSize(1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(unsent(a)).isZero());
    }

    @Test
    void shouldWriteNothingWhenTheTransactionRollsBack() {
        UUID rolledBack = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            publisher.publish(rolledBack.toString(), TestEvents.requestLogged(rolledBack, "never"), metadata);
            throw new IllegalStateException("the state change failed");
        })).hasMessageContaining("the state change failed");

        assertThat(rows(rolledBack)).isZero();
        UUID marker = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                publisher.publish(marker.toString(), TestEvents.requestLogged(marker, "marker"), metadata));
        await().atMost(Duration.ofSeconds(15)).until(() -> !KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> marker.toString().equals(r.key())).isEmpty());
        assertThat(KafkaTopics.read(Topics.INTAKE_REQUESTS, r -> rolledBack.toString().equals(r.key()))).isEmpty();
    }

    @Test
    void shouldRefuseAPayloadThatBreaksItsSchema() {
        UUID id = UUID.randomUUID();
        RequestLogged broken = new RequestLogged(id, "42", "PORTAL", "GENERAL_INQUIRY", "CUST-1", "s", "d", null, null,
                false, java.time.Instant.now());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> publisher.publish(id.toString(), broken, metadata)))
                .hasMessageContaining("breaks its schema");
        assertThat(rows(id)).isZero();
    }

    @Test
    void shouldOnlyPublishInsideATransaction() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> publisher.publish(id.toString(), TestEvents.requestLogged(id, "no tx"), metadata))
                .isInstanceOf(jakarta.transaction.TransactionalException.class);
        assertThat(rows(id)).isZero();
    }

    @Test
    void shouldKeepEachAggregatesOrderWhenSeveralRelaysRun() throws Exception {
        List<OutboxRelay> extraRelays = List.of(
                new OutboxRelay(dataSource, config, transport, meters),
                new OutboxRelay(dataSource, config, transport, meters));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(extraRelays.size());
        for (OutboxRelay relay : extraRelays) {
            pool.submit(() -> {
                while (writing.get() || relay.relayBatch().claimed() > 0) {
                    relay.relayBatch();
                }
                return null;
            });
        }
        List<UUID> aggregates = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
        int perAggregate = 30;
        for (int n = 1; n <= perAggregate; n++) {
            for (UUID aggregate : aggregates) {
                String subject = "seq-" + n;
                QuarkusTransaction.requiringNew().run(() ->
                        publisher.publish(aggregate.toString(), TestEvents.requestLogged(aggregate, subject), metadata));
            }
        }
        writing.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<String> expected = IntStream.rangeClosed(1, perAggregate).mapToObj(n -> "seq-" + n).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<String>> byAggregate = new LinkedHashMap<>();
            for (UUID aggregate : aggregates) {
                byAggregate.put(aggregate.toString(), subjects(KafkaTopics.read(Topics.INTAKE_REQUESTS,
                        r -> aggregate.toString().equals(r.key()))));
            }
            assertThat(byAggregate.values()).allSatisfy(subjects -> assertThat(subjects).containsExactlyElementsOf(expected));
        });
    }

    private long rows(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_message WHERE aggregate_id = ?1").setParameter(1, aggregate.toString())
                .getSingleResult()).longValue());
    }

    private long unsent(UUID aggregate) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_message WHERE aggregate_id = ?1")
                .setParameter(1, aggregate.toString()).getSingleResult()).longValue());
    }

    private static List<String> subjects(List<ConsumerRecord<String, byte[]>> records) {
        List<String> subjects = new ArrayList<>();
        records.forEach(record -> subjects.add(json(record).get("subject").asText()));
        return subjects;
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
