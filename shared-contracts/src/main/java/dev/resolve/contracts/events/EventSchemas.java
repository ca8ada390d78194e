package dev.resolve.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of event payloads, loaded from {@code events/schemas/<Name>.v<N>.schema.json} on the classpath.
 * Schema ids live under {@value #ID_PREFIX} and resolve to the classpath, so nothing is fetched over the network.
 */
public final class EventSchemas {

    public static final String ID_PREFIX = "https://schemas.resolve.dev/events/";
    private static final String CLASSPATH_PREFIX = "classpath:events/schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, CLASSPATH_PREFIX)));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, Optional<JsonSchema>> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The file name of a payload schema, such as {@code RequestLogged.v1.schema.json}. */
    public static String fileName(EventTypeName type) {
        return type + ".schema.json";
    }

    /** Whether a schema exists for {@code type}. */
    public static boolean isKnown(EventTypeName type) {
        return schema(type).isPresent();
    }

    /**
     * Validates {@code payload} against the schema of {@code type}.
     *
     * @return the violations, empty when valid
     * @throws IllegalArgumentException when no schema exists for {@code type}
     */
    public static List<String> validate(EventTypeName type, JsonNode payload) {
        JsonSchema schema = schema(type).orElseThrow(() -> new IllegalArgumentException("no schema for event type " + type));
        return schema.validate(payload).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Validates a whole envelope in its JSON form against {@code EventEnvelope.v1.schema.json}. */
    public static List<String> validateEnvelope(JsonNode envelope) {
        return validate(new EventTypeName("EventEnvelope", 1), envelope);
    }

    private static Optional<JsonSchema> schema(EventTypeName type) {
        return CACHE.computeIfAbsent(type.toString(), key -> {
            String file = fileName(type);
            if (EventSchemas.class.getClassLoader().getResource("events/schemas/" + file) == null) {
                return Optional.empty();
            }
            return Optional.of(FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + file), CONFIG));
        });
    }
}
