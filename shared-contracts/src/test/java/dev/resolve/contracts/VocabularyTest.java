package dev.resolve.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.resolve.contracts.json.Json;
import dev.resolve.contracts.vocabulary.Vocabulary;
import dev.resolve.contracts.vocabulary.Vocabulary.AdjustmentType;
import dev.resolve.contracts.vocabulary.Vocabulary.Channel;
import dev.resolve.contracts.vocabulary.Vocabulary.CustomerTier;
import dev.resolve.contracts.vocabulary.Vocabulary.InvoiceStatus;
import dev.resolve.contracts.vocabulary.Vocabulary.KycStatus;
import dev.resolve.contracts.vocabulary.Vocabulary.RequestType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The vocabularies have one source, the enums of {@link Vocabulary}: every OpenAPI document and every event schema
 * that names a channel, a request type, an adjustment type, a customer tier, a KYC status or an invoice status lists
 * exactly their constants.
 */
class VocabularyTest {

    /** The vocabularies by the schema name the OpenAPI documents give them. */
    private static final Map<String, List<String>> VOCABULARIES = Map.of(
            "Channel", constants(Channel.values()),
            "RequestType", constants(RequestType.values()),
            "AdjustmentType", constants(AdjustmentType.values()),
            "CustomerTier", constants(CustomerTier.values()),
            "KycStatus", constants(KycStatus.values()),
            "InvoiceStatus", constants(InvoiceStatus.values()));

    /**
     * Property and parameter names that always hold a vocabulary's value. A {@code status} means something else in
     * each document (a request's, a case's, an HTTP status), so an invoice's status is found by its description instead.
     */
    private static final Map<String, String> NAMES = Map.of("channel", "Channel", "preferredChannel", "Channel",
            "adjustmentType", "AdjustmentType", "tier", "CustomerTier", "customerTier", "CustomerTier",
            "kycStatus", "KycStatus");

    /** A vocabulary's name as a word in a description, such as "An InvoiceStatus: OPEN, ...". */
    private static final Pattern NAMED = Pattern.compile("\\b(" + String.join("|", VOCABULARIES.keySet()) + ")\\b");

    private static final Path OPENAPI = Path.of("src/main/openapi");
    private static final Path EVENT_SCHEMAS = Path.of("src/main/resources/events/schemas");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9_]+[A-Z0-9]\\b");

    @Test
    void shouldListEachVocabularyAsItsEnumInEveryOpenApiDocument() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path document : openApiDocuments()) {
            JsonNode schemas = new YAMLMapper().readTree(document.toFile()).path("components").path("schemas");
            VOCABULARIES.forEach((name, constants) -> {
                if (schemas.has(name)) {
                    assertThat(strings(schemas.get(name).path("enum"))).as(document + " " + name).isEqualTo(constants);
                    checked.add(document.getParent().getFileName() + "/" + name);
                }
            });
        }
        assertThat(checked).contains("intake-service/Channel", "intake-service/RequestType", "metrics-service/Channel", "metrics-service/RequestType",
                "approval-service/AdjustmentType", "intake-service/CustomerTier", "intake-service/KycStatus",
                "intake-service/InvoiceStatus");
    }

    /** A code counted from events rather than checked may be newer than the document: it names its vocabulary instead. */
    @Test
    void shouldReferToTheVocabularyWhereverAChannelOrAdjustmentTypeIsNamed() throws IOException {
        for (Path document : openApiDocuments()) {
            List<String> misses = new ArrayList<>();
            walk(new YAMLMapper().readTree(document.toFile()), (name, node) -> {
                String vocabulary = NAMES.get(name);
                if (node.has("x-vocabulary")) {
                    assertThat(VOCABULARIES).as(document + " " + name + " x-vocabulary").containsKey(node.get("x-vocabulary").asText());
                }
                if (vocabulary != null && !node.path("$ref").asText().equals("#/components/schemas/" + vocabulary)
                        && !node.path("schema").path("$ref").asText().equals("#/components/schemas/" + vocabulary)
                        && !node.path("x-vocabulary").asText().equals(vocabulary)) {
                    misses.add(name + ": " + node);
                }
            });
            assertThat(misses).as(document + ": channel and adjustmentType must $ref the shared vocabulary").isEmpty();
        }
    }

    @Test
    void shouldListEachVocabularyInFullInTheEventSchemas() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.list(EVENT_SCHEMAS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList()) {
                walk(Json.mapper().readTree(file.toFile()), (name, node) -> {
                    String vocabulary = vocabularyOf(name, node);
                    if (vocabulary != null) {
                        assertThat(codes(node.path("description").asText()))
                                .as(file.getFileName() + " " + name + " lists the " + vocabulary + " vocabulary")
                                .isEqualTo(VOCABULARIES.get(vocabulary).stream().sorted().toList());
                        checked.add(file.getFileName() + "/" + name);
                    }
                });
            }
        }
        assertThat(checked).contains("RequestLogged.v1.schema.json/channel", "RequestLogged.v1.schema.json/type",
                "CaseOpened.v1.schema.json/type", "AdjustmentRequested.v1.schema.json/adjustmentType",
                "RequestLogged.v1.schema.json/tier", "RequestLogged.v1.schema.json/kycStatus",
                "RequestLogged.v1.schema.json/status", "common.v1.schema.json/status", "PaymentReceived.v1.schema.json/status",
                "AdjustmentRequested.v1.schema.json/customerTier", "RequestRejected.v1.schema.json/channel");
    }

    /** The codes a case's or a request's {@code status} holds are no vocabulary here: only named ones are checked. */
    @Test
    void shouldNotMistakeOtherTypesAndStatusesForAVocabulary() {
        assertThat(vocabularyOf("type", Json.mapper().createObjectNode().put("type", "string").put("pattern", "^[A-Z]+$")))
                .as("the envelope's type").isNull();
        assertThat(vocabularyOf("type", Json.mapper().createObjectNode().put("type", "string").put("format", "uri-reference")))
                .as("a problem's type").isNull();
        assertThat(vocabularyOf("status", Json.mapper().createObjectNode().put("description", "The case status; NEW when opened.")))
                .isNull();
        assertThat(vocabularyOf("status", Json.mapper().createObjectNode().put("description", "An InvoiceStatus: OPEN, ...")))
                .isEqualTo("InvoiceStatus");
    }

    /**
     * The vocabulary an event-schema property holds: a {@code type} that is a code holds a RequestType; the
     * {@link #NAMES} hold theirs; any other property whose description names a vocabulary holds that one.
     */
    private static String vocabularyOf(String name, JsonNode node) {
        if (name.equals("type")) {
            return node.path("$ref").asText().endsWith("/Code") ? "RequestType" : null;
        }
        if (NAMES.containsKey(name)) {
            return NAMES.get(name);
        }
        Matcher named = NAMED.matcher(node.path("description").asText());
        return named.find() ? named.group(1) : null;
    }

    @Test
    void shouldKnowWhichRequestTypesMoveMoney() {
        assertThat(Arrays.stream(RequestType.values()).filter(RequestType::financial).map(RequestType::adjustment))
                .containsExactlyInAnyOrder(AdjustmentType.values());
    }

    @Test
    void shouldConvertBetweenEnumsOfTheSameNames() {
        assertThat(Vocabulary.as(AdjustmentType.CREDIT, RequestType.class)).isEqualTo(RequestType.CREDIT);
        assertThat(Vocabulary.as(null, RequestType.class)).isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Vocabulary.as(RequestType.GENERAL_INQUIRY, AdjustmentType.class));
    }

    private static List<Path> openApiDocuments() throws IOException {
        try (Stream<Path> files = Files.walk(OPENAPI)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Calls {@code visitor} with every member name and value below {@code node}, and every parameter by its name. */
    private static void walk(JsonNode node, java.util.function.BiConsumer<String, JsonNode> visitor) {
        if (node.isObject()) {
            if (node.has("in") && node.has("name") && node.path("name").isTextual()) {
                visitor.accept(node.get("name").asText(), node);
            }
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                if (member.getValue().isObject()) {
                    visitor.accept(member.getKey(), member.getValue());
                }
                walk(member.getValue(), visitor);
            }
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, visitor));
        }
    }

    private static List<String> codes(String description) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CODE.matcher(description);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found.stream().sorted().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> constants(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
