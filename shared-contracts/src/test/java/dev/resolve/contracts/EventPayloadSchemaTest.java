package dev.resolve.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventPayloads;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.ContractUpdated;
import dev.resolve.contracts.events.payload.DisputeRaised;
import dev.resolve.contracts.events.payload.InvoiceContent;
import dev.resolve.contracts.events.payload.InvoiceIssued;
import dev.resolve.contracts.events.payload.InvoiceUpdated;
import dev.resolve.contracts.events.payload.PaymentReceived;
import dev.resolve.contracts.events.payload.RequestRejected;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Producer-side check: every Java payload type serializes to JSON its schema accepts. */
class EventPayloadSchemaTest {

    static RequestLogged requestLogged() {
        return new RequestLogged(UUID.randomUUID(), "SR-000042", "PORTAL", "BILLING_DISPUTE", "CUST-1001",
                "Wrong price", "Invoice charges the old price", new Money(new BigDecimal("1250.00"), "EUR"),
                "INV-2026-0042", false, Instant.parse("2026-11-23T08:15:30.123Z"));
    }

    static CaseOpened caseOpened() {
        return new CaseOpened(UUID.randomUUID(), UUID.randomUUID(), "SR-000042", "CUST-1001", "EMAIL", "REFUND",
                "NEW", null, null, true, Instant.now(), "billing");
    }

    static RequestLogged requestLoggedWithSnapshot() {
        return new RequestLogged(UUID.randomUUID(), "SR-000043", "BILLING_SYSTEM", "BILLING_DISPUTE", "CUST-1001",
                "Dispute DSP-2026-0113 on INV-2026-0042", "Billed at the 2025 price", eur("525.00"), "INV-2026-0042",
                false, Instant.parse("2026-11-24T10:12:03.000Z"), true, "KYC expired on 2026-09-30",
                "sap-erp:DSP-2026-0113",
                new RequestLogged.CustomerSnapshot("CUST-1001", "Nordlicht Logistik GmbH", "MID_MARKET", "GOLD", "EXPIRED",
                        LocalDate.parse("2024-09-30"), LocalDate.parse("2026-09-30"), null, new BigDecimal("1.85"), null,
                        eur("50000.00"), eur("18400.00"), 3, 1),
                new RequestLogged.InvoiceSnapshot("INV-2026-0042", LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-30"),
                        "EUR", eur("4800.00"), eur("3000.00"), "PARTIALLY_PAID", "CTR-2024-117", pricing()));
    }

    /** A checkpoint as audit-service makes it: the head's sequence and hash, signed with a fresh Ed25519 key. */
    static AuditCheckpointSigned auditCheckpointSigned(KeyPair keys, long sequence, String hash) {
        String keyId = AuditCheckpointSigned.keyId(keys.getPublic());
        String signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        String signature = sign(keys.getPrivate(), AuditCheckpointSigned.signedText(sequence, hash, signedAt, keyId));
        return new AuditCheckpointSigned(sequence, hash, signedAt, keyId, AuditCheckpointSigned.ALGORITHM, signature);
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(PrivateKey key, String text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One payload of every type this module declares. */
    static List<Object> everyPayload() {
        List<InvoiceContent.Line> lines = List.of(new InvoiceContent.Line("Linehaul", new BigDecimal("12"), eur("350.00"), eur("4200.00")));
        LocalDate issued = LocalDate.parse("2026-10-31");
        LocalDate due = LocalDate.parse("2026-11-30");
        return List.of(requestLogged(), requestLoggedWithSnapshot(), caseOpened(),
                new RequestRejected(UUID.randomUUID(), null, "CUST-1001", "BILLING_SYSTEM", "BILLING_DISPUTE", "INV-2026-0042",
                        eur("9000.00"), "AMOUNT_EXCEEDS_OPEN_AMOUNT", "More than the 4800.00 EUR still open.", Instant.now(),
                        "sap-erp", "DSP-2026-0114", "urn:resolve:problem:amount-exceeds-open-amount", null),
                new InvoiceIssued("INV-2026-0042", "CUST-1001", issued, due, "EUR", eur("4800.00"), eur("4800.00"), "OPEN",
                        "CTR-2024-117", lines, 1),
                new InvoiceUpdated("INV-2026-0042", "CUST-1001", issued, due, "EUR", eur("4800.00"), eur("4800.00"), "CANCELLED",
                        null, null, 2),
                new PaymentReceived("INV-2026-0042", "PAY-1", eur("1800.00"), due, eur("3000.00"), "PARTIALLY_PAID", 3),
                new ContractUpdated("CTR-2024-117", "CUST-1001", pricing(), LocalDate.parse("2024-04-01"), null, 4),
                auditCheckpointSigned(ed25519(), 4812, "615d529ae623a975469bbf329227e8fcd6cebb6fe7915e82e4961d323b834e90"),
                new DisputeRaised("sap-erp", "DSP-2026-0113", "CUST-1001", "INV-2026-0042", eur("525.00"), "PRICE_DIFFERENCE",
                        "Billed at the 2025 price", Instant.parse("2026-11-24T10:12:00Z")));
    }

    @Test
    void shouldSerializeEveryPayloadToItsSchemaAndReadItBack() {
        for (Object payload : everyPayload()) {
            EventTypeName type = EventPayloads.typeName(payload.getClass());
            JsonNode json = Json.mapper().valueToTree(payload);
            assertThat(EventSchemas.validate(type, json)).as(type.toString()).isEmpty();
            assertThat(Json.mapper().convertValue(json, payload.getClass())).as(type.toString()).isEqualTo(payload);
        }
        assertThat(everyPayload()).extracting(Object::getClass).containsAll(EventPayloads.types());
    }

    @Test
    void shouldKnowEveryPayloadRecordOfThePackage() throws IOException {
        Path folder = Path.of("src/main/java/dev/resolve/contracts/events/payload");
        try (Stream<Path> files = Files.list(folder)) {
            List<String> annotated = files.filter(file -> read(file).contains("@EventType("))
                    .map(file -> file.getFileName().toString().replace(".java", "")).sorted().toList();
            assertThat(EventPayloads.types()).extracting(Class::getSimpleName).containsExactlyInAnyOrderElementsOf(annotated);
        }
        assertThat(EventPayloads.forType(new EventTypeName("DisputeRaised", 1))).contains(DisputeRaised.class);
        assertThat(EventPayloads.forType(new EventTypeName("DisputeRaised", 2))).isEmpty();
    }

    @Test
    void shouldWriteDecimalsOfTheSnapshotAsStrings() {
        JsonNode json = Json.mapper().valueToTree(requestLoggedWithSnapshot());
        assertThat(json.at("/customer/dscr").asText()).isEqualTo("1.85");
        assertThat(json.at("/customer/dscr").isTextual()).isTrue();
        assertThat(json.at("/invoice/pricing/discountPercent").isTextual()).isTrue();
        assertThat(json.at("/customer/kycExpiresOn").asText()).isEqualTo("2026-09-30");
        assertThat(json.at("/externalReference").asText()).isEqualTo(DisputeRaised.key("sap-erp", "DSP-2026-0113"));
        assertThat(Json.mapper().valueToTree(everyPayload().get(everyPayload().size() - 1)).has("key")).isFalse();
    }

    /** A billing system produces with a stock client: the ce_ attributes CloudEvents requires, none of ours. */
    @Test
    void shouldReadAnInboundEventWithoutTheResolveExtensions() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.BILLING_INVOICES, 0, 0L, "INV-2026-0042",
                "{\"invoiceNumber\":\"INV-2026-0042\"}".getBytes(StandardCharsets.UTF_8));
        UUID id = UUID.randomUUID();
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(id.toString()))
                .add("ce_type", bytes("PaymentReceived.v1")).add("ce_source", bytes("/billing/sap-erp"))
                .add("ce_time", bytes("2026-11-20T09:00:00Z")).add("content-type", bytes("application/json"));
        EventEnvelope envelope = CloudEventCodec.fromRecord(record);
        assertThat(envelope.aggregateType()).isEqualTo("Invoice");
        assertThat(envelope.aggregateId()).isEqualTo("INV-2026-0042");
        assertThat(envelope.producer()).isEqualTo("/billing/sap-erp");
        assertThat(envelope.correlationId()).isEqualTo(id.toString());

        record.headers().remove("ce_type").add("ce_type", bytes("SomethingElse.v1"));
        assertThatThrownBy(() -> CloudEventCodec.fromRecord(record)).hasMessageContaining("ce_aggregatetype");
    }

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    private static ContractUpdated.Pricing pricing() {
        return new ContractUpdated.Pricing("LIST-2026-EU", new BigDecimal("12.5"), 30);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed text is the payload's own strings, so a checkpoint read back from JSON still verifies. */
    @Test
    void shouldSignAndVerifyACheckpointWithThePublicKeyAlone() {
        KeyPair keys = ed25519();
        AuditCheckpointSigned checkpoint = auditCheckpointSigned(keys, 4812,
                "615d529ae623a975469bbf329227e8fcd6cebb6fe7915e82e4961d323b834e90");
        JsonNode json = Json.mapper().valueToTree(checkpoint);
        assertThat(json.has("signedText")).isFalse();
        assertThat(json.path("signedAt").isTextual()).isTrue();
        assertThat(json.path("signature").asText()).hasSize(88).endsWith("==");
        assertThat(checkpoint.keyId()).isEqualTo(HexFormat.of().formatHex(sha256(keys.getPublic().getEncoded())).substring(0, 16));
        assertThat(checkpoint.signedText()).isEqualTo("resolve-audit-checkpoint/v1\n4812\n"
                + "615d529ae623a975469bbf329227e8fcd6cebb6fe7915e82e4961d323b834e90\n" + checkpoint.signedAt() + "\n"
                + checkpoint.keyId());

        AuditCheckpointSigned readBack = Json.mapper().convertValue(json, AuditCheckpointSigned.class);
        assertThat(readBack.verifiesWith(keys.getPublic())).isTrue();
        assertThat(new AuditCheckpointSigned(4811, checkpoint.hash(), checkpoint.signedAt(), checkpoint.keyId(),
                checkpoint.algorithm(), checkpoint.signature()).verifiesWith(keys.getPublic())).as("another sequence").isFalse();
        assertThat(new AuditCheckpointSigned(checkpoint.sequence(), checkpoint.hash(), checkpoint.signedAt() + " ",
                checkpoint.keyId(), checkpoint.algorithm(), checkpoint.signature()).verifiesWith(keys.getPublic()))
                .as("signedAt reformatted").isFalse();
        assertThat(checkpoint.verifiesWith(ed25519().getPublic())).as("another key").isFalse();
        assertThat(new AuditCheckpointSigned(checkpoint.sequence(), checkpoint.hash(), checkpoint.signedAt(),
                checkpoint.keyId(), checkpoint.algorithm(), "not base64!").verifiesWith(keys.getPublic())).isFalse();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldWriteMoneyAsDecimalStrings() {
        JsonNode json = Json.mapper().valueToTree(requestLogged());
        assertThat(json.at("/disputedAmount/amount").isTextual()).isTrue();
        assertThat(json.at("/disputedAmount/amount").asText()).isEqualTo("1250.00");
        assertThat(json.at("/loggedAt").asText()).isEqualTo("2026-11-23T08:15:30.123Z");
        assertThat(json.has("invoice")).isFalse();
    }

    @Test
    void shouldRejectPayloadsThatBreakTheSchema() {
        ObjectNode json = Json.mapper().valueToTree(requestLogged());
        json.remove("requestId");
        json.put("requestNumber", "42");
        json.putObject("disputedAmount").put("amount", 12.5).put("currency", "euro");
        assertThat(EventSchemas.validate(new EventTypeName("RequestLogged", 1), json))
                .hasSizeGreaterThanOrEqualTo(4)
                .anySatisfy(message -> assertThat(message).contains("requestId"))
                .anySatisfy(message -> assertThat(message).contains("requestNumber"));
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() {
        ObjectNode json = Json.mapper().valueToTree(caseOpened());
        json.put("addedInALaterRelease", "tolerated");
        assertThat(EventSchemas.validate(new EventTypeName("CaseOpened", 1), json)).isEmpty();
        assertThat(Json.mapper().convertValue(json, CaseOpened.class).caseId()).isNotNull();
    }

    @Test
    void shouldParseVersionedTypeNames() {
        assertThat(EventTypeName.parse("RequestLogged.v1")).isEqualTo(new EventTypeName("RequestLogged", 1));
        assertThatThrownBy(() -> EventTypeName.parse("dev.resolve.RequestLogged")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypeName.parse("RequestLogged.v0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventSchemas.isKnown(new EventTypeName("NoSuchEvent", 1))).isFalse();
    }
}
