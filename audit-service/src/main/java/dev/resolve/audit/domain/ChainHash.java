package dev.resolve.audit.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.json.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain rule. An entry's content is the canonical JSON ({@link CanonicalJson}: members sorted by name, no
 * whitespace) of the event's envelope fields plus the entry's sequence; its hash is the lower-case hex SHA-256 of
 * the previous entry's hash, a line feed and that content (UTF-8). The first entry's previous hash is
 * {@link #GENESIS}.
 */
public final class ChainHash {

    private static final byte[] NEWLINE = {'\n'};
    private static final HexFormat HEX = HexFormat.of();

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

    /**
     * The same as {@link #hash(String, String)} with a digest the caller keeps for a long run of entries (one walk of
     * the chain): no lookup of the algorithm and no concatenated copy per entry.
     */
    public static String hash(MessageDigest digest, String previousHash, String content) {
        digest.reset();
        digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
        digest.update(NEWLINE);
        digest.update(content.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    /** A SHA-256 digest for {@link #hash(MessageDigest, String, String)}; not thread-safe. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
