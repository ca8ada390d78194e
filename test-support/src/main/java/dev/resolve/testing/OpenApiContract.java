package dev.resolve.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the OpenAPI document a running service serves at {@code /q/openapi} agrees with its contract in
 * shared-contracts ({@code shared-contracts/src/main/openapi/<service>/openapi.yaml}): the same operations, each with the
 * same parameters, request body and response codes, and the same component schemas with the same properties,
 * required members, types and enumerations.
 */
public final class OpenApiContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    /** The folder of the event pipe's administration API, which every service serves next to its own. */
    private static final String EVENT_ADMIN = "event-admin";

    private OpenApiContract() {
    }

    /** Asserts that the service under test (REST Assured's base URI and port) serves its contract. */
    public static void assertServedDocumentMatchesContract(String service) {
        JsonNode contract = contract(service);
        JsonNode served;
        try {
            served = JSON.readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi")
                    .then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> servedFacts = summary(served);
        List<String> contractFacts = summary(contract);
        List<String> onlyServed = new ArrayList<>(servedFacts);
        onlyServed.removeAll(contractFacts);
        List<String> onlyInContract = new ArrayList<>(contractFacts);
        onlyInContract.removeAll(servedFacts);
        assertThat(onlyServed).as("served by %s but not in shared-contracts openapi/%s/openapi.yaml", service, service).isEmpty();
        assertThat(onlyInContract).as("in shared-contracts openapi/%s/openapi.yaml but not served", service).isEmpty();
    }

    /**
     * The contract document of {@code service}, read from the shared-contracts sources next to the module under
     * test ({@code ../shared-contracts/src/main/openapi/<service>/openapi.yaml}), so the check needs no install, with
     * the event pipe's administration API ({@code event-admin/openapi.yaml}) merged in, as the service serves it.
     */
    public static JsonNode contract(String service) {
        ObjectNode document = (ObjectNode) read(service);
        // Every service serves the event pipe's administration API as well, merged into its document.
        JsonNode admin = read(EVENT_ADMIN);
        ((ObjectNode) document.with("paths")).setAll((ObjectNode) admin.path("paths"));
        for (String section : List.of("responses", "schemas")) {
            ((ObjectNode) document.with("components").with(section)).setAll((ObjectNode) admin.path("components").path(section));
        }
        return document;
    }

    private static JsonNode read(String name) {
        Path file = Path.of("..", "shared-contracts", "src", "main", "openapi", name, "openapi.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " does not exist: tests run from the service's module folder");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comparable facts of a document, as sorted lines, so that a difference reads as a list of lines. */
    static List<String> summary(JsonNode document) {
        Map<String, String> lines = new TreeMap<>();
        JsonNode components = document.path("components");
        document.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String op = method.toUpperCase() + " " + path.getKey();
                lines.put(op, "operationId=" + operation.path("operationId").asText());
                for (JsonNode parameter : parameters(path.getValue(), operation, components)) {
                    String key = op + " param " + parameter.path("in").asText() + ":" + parameter.path("name").asText();
                    lines.put(key, "required=" + parameter.path("required").asBoolean(false)
                            + " schema=" + schema(parameter.path("schema")));
                }
                JsonNode body = resolve(operation.path("requestBody"), components);
                if (!body.isMissingNode()) {
                    body.path("content").fields().forEachRemaining(media -> lines.put(op + " body " + media.getKey(),
                            "required=" + body.path("required").asBoolean(false) + " schema=" + schema(media.getValue().path("schema"))));
                }
                operation.path("responses").fields().forEachRemaining(response -> {
                    JsonNode resolved = resolve(response.getValue(), components);
                    TreeSet<String> media = new TreeSet<>();
                    resolved.path("content").fields().forEachRemaining(m -> media.add(m.getKey() + "=" + schema(m.getValue().path("schema"))));
                    TreeSet<String> headers = new TreeSet<>();
                    resolved.path("headers").fieldNames().forEachRemaining(headers::add);
                    lines.put(op + " response " + response.getKey(), media + " headers=" + headers);
                });
            }
        });
        components.path("schemas").fields().forEachRemaining(schema -> {
            JsonNode value = schema.getValue();
            lines.put("schema " + schema.getKey(), schema(value) + " required=" + new TreeSet<>(texts(value.path("required"))));
            value.path("properties").fields().forEachRemaining(property ->
                    lines.put("schema " + schema.getKey() + "." + property.getKey(), schema(property.getValue())));
        });
        List<String> result = new ArrayList<>();
        lines.forEach((key, value) -> result.add(key + " -> " + value));
        return result;
    }

    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation, JsonNode components) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode parameter : pathItem.path("parameters")) {
            result.add(resolve(parameter, components));
        }
        for (JsonNode parameter : operation.path("parameters")) {
            result.add(resolve(parameter, components));
        }
        return result;
    }

    private static JsonNode resolve(JsonNode node, JsonNode components) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String[] parts = current.get("$ref").asText().replaceFirst("^#/components/", "").split("/");
            current = components.path(parts[0]).path(parts[1]);
        }
        return current;
    }

    /** A schema in one line: its reference, or its type, format, pattern, enumeration and items. */
    private static String schema(JsonNode schema) {
        if (schema.isMissingNode() || schema.isNull()) {
            return "-";
        }
        if (schema.has("$ref")) {
            return "ref:" + schema.get("$ref").asText().replaceFirst("^#/components/schemas/", "");
        }
        StringBuilder text = new StringBuilder(schema.path("type").asText("any"));
        for (String facet : List.of("format", "pattern", "minLength", "maxLength", "minimum", "maximum")) {
            if (schema.has(facet)) {
                text.append(' ').append(facet).append('=').append(schema.get(facet).asText());
            }
        }
        if (schema.has("enum")) {
            text.append(" enum=").append(texts(schema.get("enum")));
        }
        if (schema.has("items")) {
            text.append(" items=").append(schema(schema.get("items")));
        }
        if (schema.has("allOf")) {
            List<String> parts = new ArrayList<>();
            schema.get("allOf").forEach(part -> parts.add(schema(part)));
            text.append(" allOf=").append(parts);
        }
        return text.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            result.add(it.next().asText());
        }
        return result;
    }
}
