package dev.resolve.audit.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.resolve.audit.AuditTestStack;
import dev.resolve.audit.service.AuditTrail;
import dev.resolve.audit.verifier.AuditVerify;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.json.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.resolve.testing.Callers.asStaff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export is the chain from a sequence up to a signed checkpoint, streamed as NDJSON, and verifies offline with
 * nothing but the public key (audit-verifier, the command the README documents). Runs last: it makes the chain long.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class ExportTest {

    @Inject
    AuditTrail trail;

    @Test
    void shouldExportARangeThatVerifiesOfflineAgainstItsCheckpoint() throws Exception {
        long from = ChainTamperTest.entryOfANewCase();
        long to = ChainTamperTest.entryOfANewCase();
        Path file = download(asStaff().queryParam("fromSequence", from).queryParam("toSequence", to)
                .get("/api/v1/audit/export"));

        List<String> lines = Files.readAllLines(file);
        Map<?, ?> header = Json.mapper().readValue(lines.get(0), Map.class);
        assertThat(((Number) header.get("fromSequence")).longValue()).isEqualTo(from);
        long covered = ((Number) header.get("toSequence")).longValue();
        assertThat(covered).isGreaterThanOrEqualTo(to);
        assertThat(((Map<?, ?>) header.get("checkpoint")).get("sequence")).isEqualTo(header.get("toSequence"));
        assertThat(lines).hasSize((int) (covered - from + 2));
        Map<String, Object> first = Json.mapper().readValue(lines.get(1), new TypeReference<Map<String, Object>>() { });
        assertThat(first.keySet()).contains("sequence", "eventId", "eventType", "actor", "occurredAt", "recordedAt",
                "content", "previousHash", "hash").doesNotContain("payload");

        AuditVerify.Result result = verifyOffline(file);
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.firstSequence()).isEqualTo(from);
        assertThat(result.lastSequence()).isEqualTo(covered);
    }

    @Test
    void shouldFailOfflineVerificationOfAnEditedExport() throws Exception {
        ChainTamperTest.entryOfANewCase();
        Path file = download(asStaff().get("/api/v1/audit/export"));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // Slip a member into the first entry's hashed content.
        lines.set(1, lines.get(1).replace("\"content\":\"{", "\"content\":\"{\\\"approvedBy\\\":\\\"mallory\\\","));
        assertThat(lines.get(1)).contains("mallory");
        Files.write(file, lines);
        AuditVerify.Result result = verifyOffline(file);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenSequence()).isEqualTo(1L);
    }

    @Test
    void shouldStreamAnExportOfAHundredThousandEntriesThatVerifiesOffline() throws Exception {
        appendEntries(100_000);
        Path file = download(asStaff().get("/api/v1/audit/export"));
        AuditVerify.Result result = verifyOffline(file);
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.entries()).isGreaterThanOrEqualTo(100_000);
        assertThat(result.firstSequence()).isEqualTo(1);
        // The command the README shows, as an auditor runs it, on the same file.
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of("..", "audit-verifier", "src", "main", "java", "dev", "resolve", "audit", "verifier", "AuditVerify.java").toString(),
                "--public-key", AuditTestStack.publicKeyFile().toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).startsWith("VALID: " + result.entries() + " entries");
        ChainTamperTest.assertValid();
    }

    private void appendEntries(int count) {
        String caseId = UUID.randomUUID().toString();
        for (int done = 0; done < count; done += 1000) {
            List<EventEnvelope> batch = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                batch.add(AuditEvents.envelope("CaseNoteAdded", "Case", caseId, Map.of("caseId", caseId,
                        "note", "Called the customer about the disputed invoice and agreed a partial credit " + (done + i),
                        "customerReference", "CUST-1001", "author", "agent.mueller")));
            }
            QuarkusTransaction.requiringNew().run(() -> trail.appendAll(batch));
        }
    }

    private static Path download(Response response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        Path file = Files.createTempFile("audit-export-", ".ndjson");
        try (InputStream body = response.asInputStream()) {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
        return file;
    }

    private static AuditVerify.Result verifyOffline(Path file) throws IOException {
        PublicKey key = AuditVerify.readPublicKey(AuditTestStack.publicKeyFile());
        try (Reader reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return AuditVerify.verify(reader, key, null);
        }
    }
}
