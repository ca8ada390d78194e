package dev.resolve.audit.verifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Builds audit chains, checkpoints and exports the way audit-service writes them, written here independently of the
 * verifier (own JSON writing, hashing and signing) so the tests do not check the verifier against itself.
 */
final class TestChain {

    static final String GENESIS = "0".repeat(64);
    static final String SIGNED_AT = "2026-11-30T22:00:00.123456Z";

    /** One chain entry; the fields of the export line and the hashed content. Mutable so tests can tamper. */
    static final class Entry {
        long sequence;
        String eventId;
        String eventType;
        String aggregateType = "Case";
        String aggregateId;
        String correlationId;
        String causationId;
        String actor;
        String content;
        String previousHash;
        String hash;

        String line() {
            StringBuilder json = new StringBuilder(1024).append('{');
            json.append("\"sequence\":").append(sequence);
            member(json, "eventId", eventId);
            member(json, "eventType", eventType);
            member(json, "aggregateType", aggregateType);
            member(json, "aggregateId", aggregateId);
            member(json, "correlationId", correlationId);
            if (causationId != null) {
                member(json, "causationId", causationId);
            }
            member(json, "actor", actor);
            json.append(",\"actorRoles\":[\"agent\"]");
            member(json, "occurredAt", "2026-11-30T21:59:59.123456Z");
            member(json, "recordedAt", "2026-11-30T21:59:59.200Z");
            member(json, "content", content);
            member(json, "previousHash", previousHash);
            member(json, "hash", hash);
            return json.append('}').toString();
        }

        Entry copy() {
            Entry copy = new Entry();
            copy.sequence = sequence;
            copy.eventId = eventId;
            copy.eventType = eventType;
            copy.aggregateType = aggregateType;
            copy.aggregateId = aggregateId;
            copy.correlationId = correlationId;
            copy.causationId = causationId;
            copy.actor = actor;
            copy.content = content;
            copy.previousHash = previousHash;
            copy.hash = hash;
            return copy;
        }
    }

    final KeyPair keys;
    /** The whole chain from sequence 1; index i holds sequence i + 1. */
    final List<Entry> entries = new ArrayList<>();

    private TestChain(KeyPair keys) {
        this.keys = keys;
    }

    static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid chain of {@code size} entries. */
    static TestChain of(int size, KeyPair keys) {
        TestChain chain = new TestChain(keys);
        String previous = GENESIS;
        for (long sequence = 1; sequence <= size; sequence++) {
            Entry entry = newEntry(sequence, "{\"x\":" + sequence + ",\"note\":\"caf\u00e9 \\\"quoted\\\" \\n\"}");
            entry.previousHash = previous;
            entry.hash = hash(previous, entry.content);
            previous = entry.hash;
            chain.entries.add(entry);
        }
        return chain;
    }

    static Entry newEntry(long sequence, String payloadJson) {
        Entry entry = new Entry();
        entry.sequence = sequence;
        entry.eventId = UUID.nameUUIDFromBytes(("event-" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
        entry.eventType = sequence % 3 == 0 ? "CaseOpened.v1" : "RequestLogged.v2";
        entry.aggregateId = "c" + (sequence % 7);
        entry.correlationId = "k" + (sequence % 5);
        entry.causationId = sequence % 2 == 0 ? "cause-" + sequence : null;
        entry.actor = "u" + (sequence % 4);
        entry.content = content(entry, payloadJson);
        return entry;
    }

    /** Canonical-ish content: members sorted by name, no whitespace. */
    static String content(Entry entry, String payloadJson) {
        String type = entry.eventType.substring(0, entry.eventType.indexOf(".v"));
        int version = Integer.parseInt(entry.eventType.substring(entry.eventType.indexOf(".v") + 2));
        StringBuilder json = new StringBuilder("{");
        json.append("\"actor\":").append(quote(entry.actor));
        json.append(",\"actorRoles\":[\"agent\"]");
        json.append(",\"aggregateId\":").append(quote(entry.aggregateId));
        json.append(",\"aggregateType\":").append(quote(entry.aggregateType));
        if (entry.causationId != null) {
            json.append(",\"causationId\":").append(quote(entry.causationId));
        }
        json.append(",\"correlationId\":").append(quote(entry.correlationId));
        json.append(",\"eventId\":").append(quote(entry.eventId));
        json.append(",\"occurredAt\":\"2026-11-30T21:59:59.123456Z\"");
        json.append(",\"payload\":").append(payloadJson);
        json.append(",\"producer\":\"case-service\"");
        json.append(",\"schemaVersion\":").append(version);
        json.append(",\"sequence\":").append(entry.sequence);
        json.append(",\"type\":").append(quote(type));
        return json.append('}').toString();
    }

    /** Re-links and re-hashes the entries from index {@code from} on, as someone rewriting the chain would. */
    void rehashFrom(int from) {
        for (int i = from; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            entry.previousHash = i == 0 ? GENESIS : entries.get(i - 1).hash;
            entry.hash = hash(entry.previousHash, entry.content);
        }
    }

    Entry at(long sequence) {
        return entries.get((int) sequence - 1);
    }

    /** The checkpoint at {@code sequence}, signed with this chain's key. */
    String checkpoint(long sequence) {
        return checkpoint(sequence, sequence == 0 ? GENESIS : at(sequence).hash, keys.getPrivate(),
                keyId(keys.getPublic()));
    }

    static String checkpoint(long sequence, String hash, PrivateKey signer, String keyId) {
        String message = "resolve-audit-checkpoint/v1\n" + sequence + "\n" + hash + "\n" + SIGNED_AT + "\n" + keyId;
        String signature;
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(signer);
            ed25519.update(message.getBytes(StandardCharsets.UTF_8));
            signature = Base64.getEncoder().encodeToString(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // Member order differs from the documentation's and an extra member is present: both must not matter.
        return "{\"signedAt\":\"" + SIGNED_AT + "\",\"algorithm\":\"Ed25519\",\"sequence\":" + sequence
                + ",\"keyId\":\"" + keyId + "\",\"hash\":\"" + hash + "\",\"signature\":\"" + signature
                + "\",\"comment\":{\"by\":\"audit-service\"}}";
    }

    static String header(String checkpointJson, long from, long to) {
        return "{\"checkpoint\":" + checkpointJson + ",\"fromSequence\":" + from + ",\"toSequence\":" + to + "}";
    }

    /** The export lines (header included) of entries {@code from..to} with the checkpoint at {@code to}. */
    List<String> lines(long from, long to) {
        List<String> lines = new ArrayList<>();
        lines.add(header(checkpoint(to), from, to));
        for (long sequence = from; sequence <= to; sequence++) {
            lines.add(at(sequence).line());
        }
        return lines;
    }

    String export(long from, long to) {
        return join(lines(from, to));
    }

    static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    static String hash(String previousHash, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((previousHash + "\n" + content).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static Path writePem(Path dir, PublicKey key) {
        try {
            return Files.writeString(dir.resolve("checkpoint-public-key.pem"), pem(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a valid export of {@code size} generated entries (about 1 KB each) straight to a file, without keeping
     * the chain in memory.
     */
    static void writeLargeExport(Path file, int size, KeyPair keys) throws IOException {
        String padding = "x".repeat(200);
        String previous = GENESIS;
        Path body = file.resolveSibling(file.getFileName() + ".body");
        try (Writer out = Files.newBufferedWriter(body, StandardCharsets.UTF_8)) {
            for (long sequence = 1; sequence <= size; sequence++) {
                Entry entry = newEntry(sequence, "{\"amount\":{\"currency\":\"EUR\",\"value\":\"12.50\"},\"padding\":\""
                        + padding + "\",\"x\":" + sequence + "}");
                entry.previousHash = previous;
                entry.hash = hash(previous, entry.content);
                previous = entry.hash;
                out.write(entry.line());
                out.write('\n');
            }
        }
        String checkpoint = checkpoint(size, previous, keys.getPrivate(), keyId(keys.getPublic()));
        try (var out = Files.newOutputStream(file); var in = Files.newInputStream(body)) {
            out.write((header(checkpoint, 1, size) + "\n").getBytes(StandardCharsets.UTF_8));
            in.transferTo(out);
        }
        Files.delete(body);
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void member(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":").append(quote(value));
    }
}
