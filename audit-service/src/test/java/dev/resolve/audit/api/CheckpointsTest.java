package dev.resolve.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.audit.AuditTestStack;
import dev.resolve.audit.verifier.AuditVerify;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import dev.resolve.contracts.json.Json;
import dev.resolve.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Checkpoints are signed with the key outside the database and published outside it: to the append-only log file
 * and to {@code audit.checkpoints}; the listing shows them newest first.
 */
@QuarkusTest
class CheckpointsTest {

    @Test
    void shouldSignTheHeadAndPublishItToTheLogAndToKafka() throws Exception {
        long sequence = ChainTamperTest.entryOfANewCase();
        Map<String, Object> checkpoint = asStaff().post("/api/v1/audit/checkpoints").then().statusCode(200)
                .contentType("application/json")
                .body("algorithm", equalTo("Ed25519"))
                .body("hash", matchesPattern("[0-9a-f]{64}"))
                .body("keyId", matchesPattern("[0-9a-f]{16}"))
                .extract().jsonPath().getMap("$");
        assertThat(((Number) checkpoint.get("sequence")).longValue()).isGreaterThanOrEqualTo(sequence);

        // It verifies with the public key alone.
        AuditCheckpointSigned published = Json.mapper().convertValue(checkpoint, AuditCheckpointSigned.class);
        PublicKey key = AuditVerify.readPublicKey(AuditTestStack.publicKeyFile());
        assertThat(published.verifiesWith(key)).isTrue();

        // The append-only log outside the database holds it, as its last line at the time.
        List<String> lines = Files.readAllLines(AuditTestStack.checkpointLog());
        assertThat(lines).anySatisfy(line -> assertThat(Json.mapper().readValue(line, AuditCheckpointSigned.class)).isEqualTo(published));

        // And audit.checkpoints carries it, through the outbox, keyed by the chain.
        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30)).until(() -> KafkaTopics
                .read(Topics.AUDIT_CHECKPOINTS, r -> checkpoint.get("signature").toString()
                        .equals(CloudEventCodec.fromRecord(r).payload().path("signature").asText()))
                .stream().findFirst().orElse(null), found -> found != null);
        EventEnvelope envelope = CloudEventCodec.fromRecord(record);
        assertThat(record.key()).isEqualTo("audit-chain");
        assertThat(envelope.type()).isEqualTo("AuditCheckpointSigned");
        assertThat(Json.mapper().treeToValue(envelope.payload(), AuditCheckpointSigned.class)).isEqualTo(published);
    }

    @Test
    void shouldAnswerTheLatestCheckpointWhenItAlreadyCoversTheHead() {
        ChainTamperTest.entryOfANewCase();
        Map<String, Object> first = ChainTamperTest.signCheckpoint();
        Map<String, Object> again = ChainTamperTest.signCheckpoint();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldListCheckpointsNewestFirstOnePageAtATime() {
        ChainTamperTest.entryOfANewCase();
        ChainTamperTest.signCheckpoint();
        ChainTamperTest.entryOfANewCase();
        Map<String, Object> newest = ChainTamperTest.signCheckpoint();

        JsonPath first = asStaff().queryParam("limit", 1).get("/api/v1/audit/checkpoints").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getMap("items[0]")).isEqualTo(newest);
        JsonPath second = asStaff().queryParam("limit", 1).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        assertThat(second.getLong("items[0].sequence")).isLessThan(first.getLong("items[0].sequence"));
        JsonNode all = Json.mapper().valueToTree(asStaff().queryParam("limit", 200).get("/api/v1/audit/checkpoints")
                .then().statusCode(200).extract().jsonPath().getList("items.sequence"));
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).asLong()).isLessThan(all.get(i - 1).asLong());
        }
    }
}
