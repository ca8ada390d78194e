package dev.resolve.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.events.Topics;
import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import dev.resolve.contracts.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event catalog as a whole: every payload schema has a valid example, every required field is enforced, every
 * event of the brief has a schema, and the AsyncAPI document references them all.
 */
class EventSchemaCatalogTest {

    /** The events named in the product brief and its issues, by producing service. */
    static final List<String> BRIEF_EVENTS = List.of(
            // intake-service
            "RequestLogged", "RequestRejected",
            // case-service
            "CaseOpened", "CaseAssigned", "CaseStatusChanged", "FirstResponseRecorded", "CaseEscalated", "SlaBreached",
            "AdjustmentRequested", "CaseResolved", "CaseClosed", "CaseReopened", "FeedbackReceived",
            // approval-service
            "ApprovalRequested", "ApprovalStepDecided", "AdjustmentApproved", "AdjustmentRejected",
            // billing systems, inbound to intake-service
            "InvoiceIssued", "InvoiceUpdated", "PaymentReceived", "ContractUpdated", "DisputeRaised",
            // audit-service, outbound to auditors and archives
            "AuditCheckpointSigned");

    private static final String SCHEMA_SUFFIX = ".v1.schema.json";
    private static final String ASYNCAPI = "asyncapi/resolve-events.yaml";

    @Test
    void shouldValidateTheExampleOfEverySchema() throws IOException {
        List<String> names = schemaNames();
        assertThat(names).isNotEmpty();
        for (String name : names) {
            JsonNode example = example(name);
            assertThat(EventSchemas.validate(type(name), example)).as(name + " example").isEmpty();
        }
    }

    @Test
    void shouldRejectEveryExampleWithARequiredFieldRemoved() throws IOException {
        for (String name : schemaNames()) {
            JsonNode required = schema(name).path("required");
            assertThat(required.isArray() && !required.isEmpty()).as(name + " declares required fields").isTrue();
            for (JsonNode field : required) {
                ObjectNode example = (ObjectNode) example(name);
                assertThat(example.has(field.asText())).as(name + " example has required " + field.asText()).isTrue();
                example.remove(field.asText());
                assertThat(EventSchemas.validate(type(name), example))
                        .as(name + " without " + field.asText())
                        .isNotEmpty()
                        .anySatisfy(message -> assertThat(message).contains(field.asText()));
            }
        }
    }

    @Test
    void shouldTolerateFieldsAddedInALaterRelease() throws IOException {
        for (String name : schemaNames()) {
            ObjectNode example = (ObjectNode) example(name);
            example.put("addedInALaterRelease", "tolerated");
            assertThat(EventSchemas.validate(type(name), example)).as(name).isEmpty();
        }
    }

    @Test
    void shouldHaveASchemaForEveryEventOfTheBrief() throws IOException {
        assertThat(BRIEF_EVENTS).hasSize(23).doesNotHaveDuplicates();
        assertThat(schemaNames()).containsAll(BRIEF_EVENTS);
        for (String name : BRIEF_EVENTS) {
            assertThat(EventSchemas.isKnown(type(name))).as(name).isTrue();
            JsonNode schema = schema(name);
            assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.ID_PREFIX + name + SCHEMA_SUFFIX);
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.has("additionalProperties")).as(name + " must not close the object").isFalse();
            assertThat(schema.path("description").asText()).as(name).contains("topic ").contains("key ")
                    .contains("Unknown fields must be ignored");
        }
    }

    @Test
    void shouldRequireAReasonWhenAStepIsRejected() throws IOException {
        ObjectNode rejected = (ObjectNode) example("ApprovalStepDecided");
        rejected.put("decision", "REJECTED");
        rejected.remove("reason");
        assertThat(EventSchemas.validate(type("ApprovalStepDecided"), rejected)).anySatisfy(message ->
                assertThat(message).contains("reason"));
        rejected.put("reason", "Amount not supported by the contract terms.");
        assertThat(EventSchemas.validate(type("ApprovalStepDecided"), rejected)).isEmpty();
    }

    @Test
    void shouldRequireApproversAndStepsUnlessAutoApproved() throws IOException {
        ObjectNode approved = (ObjectNode) example("AdjustmentApproved");
        approved.remove("approvedBy");
        assertThat(EventSchemas.validate(type("AdjustmentApproved"), approved)).anySatisfy(message ->
                assertThat(message).contains("approvedBy"));
        approved.put("autoApproved", true);
        assertThat(EventSchemas.validate(type("AdjustmentApproved"), approved)).isEmpty();

        ObjectNode requested = (ObjectNode) example("ApprovalRequested");
        requested.putArray("steps");
        assertThat(EventSchemas.validate(type("ApprovalRequested"), requested)).isNotEmpty();
        requested.put("autoApproved", true);
        assertThat(EventSchemas.validate(type("ApprovalRequested"), requested)).isEmpty();
    }

    @Test
    void shouldExplainAKycHoldAndNameBothPartsOfADisputesKey() throws IOException {
        ObjectNode held = (ObjectNode) example("RequestLogged");
        held.put("kycHold", true);
        assertThat(EventSchemas.validate(type("RequestLogged"), held)).anySatisfy(message ->
                assertThat(message).contains("kycHoldReason"));
        held.put("kycHoldReason", "KYC expired on 2026-09-30");
        assertThat(EventSchemas.validate(type("RequestLogged"), held)).isEmpty();

        ObjectNode rejected = (ObjectNode) example("RequestRejected");
        rejected.remove("sourceSystem");
        assertThat(EventSchemas.validate(type("RequestRejected"), rejected)).anySatisfy(message ->
                assertThat(message).contains("sourceSystem"));
        rejected.remove("externalDisputeId");
        assertThat(EventSchemas.validate(type("RequestRejected"), rejected)).isEmpty();
    }

    @Test
    void shouldRefuseInvoiceEventsWithAnUnknownStatusOrNoVersion() throws IOException {
        for (String name : List.of("InvoiceIssued", "InvoiceUpdated", "PaymentReceived")) {
            ObjectNode event = (ObjectNode) example(name);
            event.put("status", "VOID");
            assertThat(EventSchemas.validate(type(name), event)).as(name).anySatisfy(message ->
                    assertThat(message).contains("status"));
            event = (ObjectNode) example(name);
            event.put("version", 0);
            assertThat(EventSchemas.validate(type(name), event)).as(name).anySatisfy(message ->
                    assertThat(message).contains("version"));
        }
        ObjectNode contract = (ObjectNode) example("ContractUpdated");
        ((ObjectNode) contract.get("pricing")).put("discountPercent", "100.5");
        assertThat(EventSchemas.validate(type("ContractUpdated"), contract)).isNotEmpty();
    }

    @Test
    void shouldRefuseCheckpointsThatCouldNotBeVerified() throws IOException {
        Map<String, Object> broken = Map.of(
                "sequence", 0,
                "hash", "615D529AE623A975469BBF329227E8FCD6CEBB6FE7915E82E4961D323B834E90",
                "signedAt", "2026-11-30T23:00:00.123456+01:00",
                "keyId", "a96ab6c99326513",
                "algorithm", "RS256",
                "signature", "BhV6WGEeQ3faA46v6kqSEaRBohq96BH81meufSKWVVKsaNAET1FQJhvIH18JM05VIJpkrO5XOQIHDPW+jq95CA");
        broken.forEach((field, value) -> {
            ObjectNode checkpoint;
            try {
                checkpoint = (ObjectNode) example("AuditCheckpointSigned");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            checkpoint.set(field, Json.mapper().valueToTree(value));
            assertThat(EventSchemas.validate(type("AuditCheckpointSigned"), checkpoint)).as(field).anySatisfy(message ->
                    assertThat(message).contains(field));
        });
        ObjectNode tooPrecise = (ObjectNode) example("AuditCheckpointSigned");
        tooPrecise.put("signedAt", "2026-11-30T22:00:00.1234567Z");
        assertThat(EventSchemas.validate(type("AuditCheckpointSigned"), tooPrecise)).isNotEmpty();
        ObjectNode whole = (ObjectNode) example("AuditCheckpointSigned");
        whole.put("signedAt", "2026-11-30T22:00:00Z");
        assertThat(EventSchemas.validate(type("AuditCheckpointSigned"), whole)).isEmpty();
    }

    /** The catalog's example is a real checkpoint: its signature checks with the key the AsyncAPI example names. */
    @Test
    void shouldVerifyTheExampleCheckpointWithItsPublicKey() throws Exception {
        String description = asyncApi().at("/components/messages/AuditCheckpointSigned/examples/0/summary").asText();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("public key (\\S+=) ").matcher(description);
        assertThat(key.find()).as(description).isTrue();
        java.security.PublicKey publicKey = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(key.group(1))));
        AuditCheckpointSigned checkpoint = Json.mapper().treeToValue(example("AuditCheckpointSigned"), AuditCheckpointSigned.class);
        assertThat(checkpoint.keyId()).isEqualTo(AuditCheckpointSigned.keyId(publicKey));
        assertThat(checkpoint.verifiesWith(publicKey)).isTrue();
        assertThat(checkpoint.signedText()).startsWith(AuditCheckpointSigned.SIGNED_TEXT_HEADER + "\n4812\n");
    }

    @Test
    void shouldKeepMoneyAsDecimalStringsAndScoresInRange() throws IOException {
        ObjectNode requested = (ObjectNode) example("AdjustmentRequested");
        requested.putObject("amount").put("amount", 1250.0).put("currency", "EUR");
        assertThat(EventSchemas.validate(type("AdjustmentRequested"), requested)).isNotEmpty();
        ObjectNode feedback = (ObjectNode) example("FeedbackReceived");
        feedback.put("csatScore", 6);
        assertThat(EventSchemas.validate(type("FeedbackReceived"), feedback)).isNotEmpty();
    }

    @Test
    void shouldDescribeEveryEventInTheAsyncApiDocument() throws IOException, URISyntaxException {
        JsonNode document = asyncApi();
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Resolve events");

        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        Set<String> schemaFiles = new TreeSet<>();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(document.at(ref.substring(1)).isMissingNode()).as("internal $ref " + ref + " resolves").isFalse();
            } else {
                URI target = asyncApiUri().resolve(ref);
                assertThat(Files.isRegularFile(Path.of(target))).as("$ref " + ref + " points to an existing file").isTrue();
                schemaFiles.add(Path.of(target).getFileName().toString());
            }
        }
        for (String name : BRIEF_EVENTS) {
            assertThat(schemaFiles).as("AsyncAPI references " + name).contains(name + SCHEMA_SUFFIX);
            assertThat(document.at("/components/messages/" + name + "/payload/schemaFormat").asText())
                    .isEqualTo("application/schema+json;version=draft-2020-12");
        }
    }

    @Test
    void shouldDeclareTheTopicsOfTheBrief() throws IOException {
        JsonNode channels = asyncApi().path("channels");
        Set<String> addresses = new TreeSet<>();
        channels.forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).contains("intake.requests", "cases.events", "approvals.events", "case-service.dlq",
                "audit-service.dlq", "metrics-service.dlq", "approval-service.dlq", "intake-service.dlq",
                Topics.BILLING_INVOICES, Topics.BILLING_DISPUTES, Topics.BILLING_DISPUTE_RESULTS, Topics.AUDIT_CHECKPOINTS);
        assertThat(addresses).doesNotContain(Topics.BILLING_ADJUSTMENTS);
        for (Aggregate aggregate : Aggregate.values()) {
            assertThat(addresses).as(aggregate + "'s topic").contains(aggregate.topic());
        }
    }

    /** A billing team copies the AsyncAPI examples: each is the catalog's example, valid, with the headers it needs. */
    @Test
    void shouldShowValidExamplesOfTheBillingEventsInTheAsyncApiDocument() throws IOException {
        JsonNode messages = asyncApi().path("components").path("messages");
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> message : messages.properties()) {
            for (JsonNode example : message.getValue().path("examples")) {
                String name = message.getValue().path("name").asText();
                assertThat(example.path("payload")).as(message.getKey() + " example").isEqualTo(example(name));
                assertThat(example.at("/headers/ce_type").asText()).isEqualTo(name + ".v1");
                assertThat(example.at("/headers/ce_specversion").asText()).isEqualTo("1.0");
                assertThat(example.at("/headers/ce_id").asText()).isNotEmpty();
                shown.add(name);
            }
        }
        assertThat(shown).contains("InvoiceIssued", "InvoiceUpdated", "PaymentReceived", "ContractUpdated", "DisputeRaised",
                "RequestRejected", "AuditCheckpointSigned");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    private static List<String> schemaNames() throws IOException {
        Path directory = classpathPath("events/schemas");
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(SCHEMA_SUFFIX) && !file.startsWith("common."))
                    .map(file -> file.substring(0, file.length() - SCHEMA_SUFFIX.length()))
                    .sorted()
                    .toList();
        }
    }

    private static EventTypeName type(String name) {
        return new EventTypeName(name, 1);
    }

    private static JsonNode schema(String name) throws IOException {
        return read("events/schemas/" + name + SCHEMA_SUFFIX);
    }

    private static JsonNode example(String name) throws IOException {
        return read("events/examples/" + name + ".v1.json");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = EventSchemaCatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return Json.mapper().readTree(in);
        }
    }

    private static JsonNode asyncApi() throws IOException {
        try (InputStream in = EventSchemaCatalogTest.class.getClassLoader().getResourceAsStream(ASYNCAPI)) {
            assertThat(in).as(ASYNCAPI + " on the classpath").isNotNull();
            return new YAMLMapper().readTree(in);
        }
    }

    private static URI asyncApiUri() throws URISyntaxException {
        URL url = EventSchemaCatalogTest.class.getClassLoader().getResource(ASYNCAPI);
        assertThat(url).isNotNull();
        return url.toURI();
    }

    private static Path classpathPath(String resource) {
        URL url = EventSchemaCatalogTest.class.getClassLoader().getResource(resource);
        assertThat(url).as(resource + " on the classpath").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
