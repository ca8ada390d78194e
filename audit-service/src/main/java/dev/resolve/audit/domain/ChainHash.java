package dev.resolve.audit.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.json.CanonicalJson;

/**
 * The chain rule. An entry's content is the canonical JSON ({@link CanonicalJson}: members sorted by name, no
 * whitespace) of the event's envelope fields plus the entry's sequence; its hash is the lower-case hex SHA-256 of
 * the previous entry's hash, a line feed and that content (UTF-8). The first entry's previous hash is
 * {@link #GENESIS}.
 */
public final class ChainHash {

    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    /**
     * The canonical content of the entry at {@code sequence} for {@code envelope}: {@code eventId}, {@code type},
     * {@code schemaVersion}, {@code occurredAt} (ISO-8601 as {@link java.time.Instant#toString()}), {@code producer},
     * {@code aggregateType}, {@code aggregateId}, {@code correlationId}, {@code causationId} (omitted when absent),
     * {@code actor}, {@code actorRoles} (omitted when the actor acted in no role), {@code payload} and {@code sequence}.
     */
    public static String content(EventEnvelope envelope, long sequence) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("eventId", envelope.eventId().toString());
        content.put("type", envelope.type());
        content.put("schemaVersion", envelope.schemaVersion());
        content.put("occurredAt", envelope.occurredAt().toString());
        content.put("producer", envelope.producer());
        content.put("aggregateType", envelope.aggregateType());
        content.put("aggregateId", envelope.aggregateId());
        content.put("correlationId", envelope.correlationId());
        if (envelope.causationId() != null) {
            content.put("causationId", envelope.causationId());
        }
        content.put("actor", envelope.actor());
        if (!envelope.actorRoles().isEmpty()) {
            envelope.actorRoles().stream().sorted().forEach(content.putArray("actorRoles")::add);
        }
        content.set("payload", envelope.payload());
        content.put("sequence", sequence);
        return CanonicalJson.write(content);
    }

    /** {@code hex(SHA-256(previousHash + "\n" + content))}. */
    public static String hash(String previousHash, String content) {
        return CanonicalJson.sha256Hex(previousHash + "\n" + content);
    }
}
