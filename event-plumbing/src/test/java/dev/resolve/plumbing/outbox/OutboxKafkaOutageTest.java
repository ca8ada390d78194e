package dev.resolve.plumbing.outbox;

import dev.resolve.contracts.events.Topics;
import dev.resolve.embedded.EmbeddedKafkaBroker;
import dev.resolve.embedded.FreePorts;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.TestEvents;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.awaitility.Awaitility.await;

/** The application runs against a Kafka address where no broker listens until the test starts one there. */
@QuarkusTest
@TestProfile(OutboxKafkaOutageTest.KafkaNotYetThere.class)
class OutboxKafkaOutageTest {

    public static class KafkaNotYetThere implements QuarkusTestProfile {
        static final int PORT = FreePorts.find();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "localhost:" + PORT,
                    "mp.messaging.incoming.test-events.enabled", "false",
                    "resolve.events.outbox.send-timeout", "2s",
                    "resolve.events.outbox.max-block", "1s",
                    "resolve.events.outbox.max-backoff", "500ms");
        }
    }

    @Inject
    EventPublisher publisher;
    @Inject
    EntityManager entityManager;
    @Inject
    OutboxRelay relay;

    @Test
    void shouldAcceptChangesWhileKafkaIsDownAndPublishThemWhenItIsBack() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> publisher.publish(id.toString(), TestEvents.requestLogged(id, "waiting"),
                EventMetadata.fromRequest(null, "tester")));

        // The relay notices the outage; the row is not to blame, so it is not charged an attempt (and never parked).
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.outage() != null);
        assertThat(sent(id)).isFalse();
        assertThat(attempts(id)).isZero();
        // Ready all the same: the outbox keeps accepting; the outage shows in the wellness checks.
        given().get("/q/health/ready").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'kafka' }.status", is("DOWN"))
                .body("checks.find { it.name == 'outbox relay' }.status", is("DOWN")));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, KafkaNotYetThere.PORT)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sent(id));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(200));
            assertThat(KafkaTopics.readAll(broker.bootstrapServers(), Topics.INTAKE_REQUESTS))
                    .anySatisfy(record -> assertThat(record.key()).isEqualTo(id.toString()));
        }
    }

    private int attempts(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT attempts FROM outbox_message WHERE aggregate_id = ?1").setParameter(1, id.toString())
                .getSingleResult()).intValue());
    }

    private boolean sent(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) entityManager.createNativeQuery(
                "SELECT count(*) = 0 FROM outbox_message WHERE aggregate_id = ?1").setParameter(1, id.toString())
                .getSingleResult());
    }
}
