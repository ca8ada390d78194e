package dev.resolve.contracts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.CloudEventHeaders;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Maps envelopes to Kafka records and back, following the CloudEvents 1.0 Kafka protocol binding in binary
 * mode: the payload is the record value, the envelope fields are {@code ce_*} headers, the key is the aggregate id.
 */
public final class CloudEventCodec {

    private CloudEventCodec() {
    }

    /** The record that carries {@code envelope} on {@code topic}. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.ID, envelope.eventId().toString());
        put(headers, CloudEventHeaders.TYPE, envelope.cloudEventType());
        put(headers, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_PREFIX + envelope.producer());
        put(headers, CloudEventHeaders.TIME, envelope.occurredAt().toString());
        put(headers, CloudEventHeaders.SUBJECT, envelope.aggregateId());
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        put(headers, CloudEventHeaders.AGGREGATE_TYPE, envelope.aggregateType());
        put(headers, CloudEventHeaders.CORRELATION_ID, envelope.correlationId());
        if (envelope.causationId() != null) {
            put(headers, CloudEventHeaders.CAUSATION_ID, envelope.causationId());
        }
        put(headers, CloudEventHeaders.ACTOR, envelope.actor());
        if (!envelope.actorRoles().isEmpty()) {
            put(headers, CloudEventHeaders.ACTOR_ROLES, String.join(",", envelope.actorRoles()));
        }
        byte[] value;
        try {
            value = Json.mapper().writeValueAsBytes(envelope.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload could not be written", e);
        }
        return new ProducerRecord<>(topic, null, envelope.aggregateId(), value, headers);
    }

    /**
     * Reads the envelope of a consumed record. Producers outside the suite (billing systems) may leave out the Resolve
     * extensions: a missing {@code ce_aggregatetype} is the one its event type is declared with (see
     * {@link EventPayloads#forType}), a missing {@code ce_correlationid} is the event id and a missing {@code ce_actor}
     * is {@code unknown}; a missing {@code ce_subject} is the record key.
     *
     * @throws MalformedEventException when a required header is missing or malformed, or the value is not a JSON object
     */
    public static EventEnvelope fromRecord(ConsumerRecord<String, ?> record) {
        Headers headers = record.headers();
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new MalformedEventException("unsupported CloudEvents spec version " + specVersion);
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(required(headers, CloudEventHeaders.ID));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("header " + CloudEventHeaders.ID + " is not a UUID");
        }
        EventTypeName type;
        try {
            type = EventTypeName.parse(required(headers, CloudEventHeaders.TYPE));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("header " + CloudEventHeaders.TYPE + ": " + e.getMessage());
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("header " + CloudEventHeaders.TIME + " is not an ISO-8601 instant");
        }
        String source = required(headers, CloudEventHeaders.SOURCE);
        String producer = source.startsWith(CloudEventHeaders.SOURCE_PREFIX)
                ? source.substring(CloudEventHeaders.SOURCE_PREFIX.length())
                : source;
        String subject = text(headers, CloudEventHeaders.SUBJECT);
        String aggregateId = subject != null ? subject : record.key();
        if (aggregateId == null || aggregateId.isBlank()) {
            throw new MalformedEventException("neither header " + CloudEventHeaders.SUBJECT + " nor a record key names the aggregate");
        }
        String correlationId = text(headers, CloudEventHeaders.CORRELATION_ID);
        String actor = text(headers, CloudEventHeaders.ACTOR);
        String actorRoles = text(headers, CloudEventHeaders.ACTOR_ROLES);
        JsonNode payload = payload(record.value());
        String aggregateType = text(headers, CloudEventHeaders.AGGREGATE_TYPE);
        if (aggregateType == null || aggregateType.isBlank()) {
            aggregateType = EventPayloads.forType(type)
                    .map(payloadClass -> EventPayloads.declaration(payloadClass).aggregate().typeName())
                    .orElseThrow(() -> new MalformedEventException("header " + CloudEventHeaders.AGGREGATE_TYPE + " is missing"));
        }
        return new EventEnvelope(eventId, type.name(), type.version(), occurredAt, producer, aggregateType, aggregateId,
                correlationId != null ? correlationId : eventId.toString(),
                text(headers, CloudEventHeaders.CAUSATION_ID),
                actor != null ? actor : "unknown",
                actorRoles == null ? List.of() : Arrays.stream(actorRoles.split(",")).map(String::trim)
                        .filter(role -> !role.isEmpty()).toList(),
                payload);
    }

    private static JsonNode payload(Object value) {
        if (value == null) {
            throw new MalformedEventException("the record has no value");
        }
        JsonNode payload;
        try {
            payload = value instanceof byte[] bytes ? Json.mapper().readTree(bytes) : Json.mapper().readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("the record value is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedEventException("the record value could not be read");
        }
        if (payload == null || !payload.isObject()) {
            throw new MalformedEventException("the record value is not a JSON object");
        }
        return payload;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("header " + name + " is missing");
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record that is not a readable Resolve CloudEvent. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
