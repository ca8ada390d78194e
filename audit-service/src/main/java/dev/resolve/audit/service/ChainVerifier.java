package dev.resolve.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.audit.domain.ChainLink;
import dev.resolve.audit.domain.ChainVerdict;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.contracts.events.EventTypeName;
import dev.resolve.contracts.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Recomputes the chain from the stored rows, in sequence order and in batches (never the whole chain in memory).
 * Each entry must follow the previous one without a gap, name the previous entry's hash, hash to its stored hash,
 * and have metadata columns that agree with its hashed content; the last entry must be the chain head.
 */
@ApplicationScoped
public class ChainVerifier {

    private final AuditEntryRepository entries;
    private final MeterRegistry meters;
    private final int batchSize;

    public ChainVerifier(AuditEntryRepository entries, MeterRegistry meters,
            @ConfigProperty(name = "resolve.audit.verify-batch-size", defaultValue = "500") int batchSize) {
        this.entries = entries;
        this.meters = meters;
        this.batchSize = batchSize;
    }

    /** Verifies the chain up to the head as it stands when the check starts; stops at the first broken entry. */
    public ChainVerdict verify() {
        ChainHead head = entries.readHead();
        long checked = 0;
        long lastSequence = 0;
        String lastHash = ChainHash.GENESIS;
        while (lastSequence < head.lastSequence()) {
            List<ChainLink> batch = entries.links(lastSequence, head.lastSequence(), batchSize);
            if (batch.isEmpty()) {
                break;
            }
            for (ChainLink link : batch) {
                checked++;
                String problem = problem(link, lastSequence, lastHash);
                if (problem != null) {
                    long broken = problem.equals(ChainVerdict.SEQUENCE_GAP) ? lastSequence + 1 : link.sequence();
                    return broken(checked, lastSequence, lastHash, broken, problem);
                }
                lastSequence = link.sequence();
                lastHash = link.hash();
            }
        }
        if (lastSequence < head.lastSequence()) {
            return broken(checked, lastSequence, lastHash, lastSequence + 1, ChainVerdict.SEQUENCE_GAP);
        }
        if (!lastHash.equals(head.lastHash())) {
            return broken(checked, lastSequence, lastHash, lastSequence, ChainVerdict.HEAD_MISMATCH);
        }
        meters.counter("resolve.audit.verifications", "valid", "true").increment();
        return new ChainVerdict(true, checked, lastSequence, lastHash, null, null, now());
    }

    private static String problem(ChainLink link, long previousSequence, String previousHash) {
        if (link.sequence() != previousSequence + 1) {
            return ChainVerdict.SEQUENCE_GAP;
        }
        if (!previousHash.equals(link.previousHash())) {
            return ChainVerdict.PREVIOUS_HASH_MISMATCH;
        }
        if (!ChainHash.hash(link.previousHash(), link.content()).equals(link.hash())) {
            return ChainVerdict.HASH_MISMATCH;
        }
        return columnsMatchContent(link) ? null : ChainVerdict.COLUMNS_MISMATCH;
    }

    /** Whether the columns that queries use say what the hashed content says. */
    static boolean columnsMatchContent(ChainLink link) {
        JsonNode content;
        try {
            content = Json.mapper().readTree(link.content());
        } catch (Exception e) {
            return false;
        }
        if (content == null || !content.isObject()) {
            return false;
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(content.path("occurredAt").asText());
        } catch (RuntimeException e) {
            return false;
        }
        return content.path("sequence").canConvertToExactIntegral() && content.path("sequence").asLong() == link.sequence()
                && text(content, "eventId").equals(link.eventId().toString())
                && EventTypeName.of(text(content, "type"), content.path("schemaVersion").asInt()).equals(link.eventType())
                && text(content, "aggregateType").equals(link.aggregateType())
                && text(content, "aggregateId").equals(link.aggregateId())
                && text(content, "correlationId").equals(link.correlationId())
                && Objects.equals(content.has("causationId") ? text(content, "causationId") : null, link.causationId())
                && text(content, "actor").equals(link.actor())
                && Objects.equals(roles(content), link.actorRoles())
                && text(content, "producer").equals(link.producer())
                && occurredAt.truncatedTo(ChronoUnit.MICROS).equals(link.occurredAt());
    }

    /** The content's actorRoles as the column keeps them (sorted, comma-separated), or null when absent. */
    private static String roles(JsonNode content) {
        JsonNode roles = content.get("actorRoles");
        if (roles == null) {
            return null;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        roles.forEach(role -> names.add(role.asText()));
        return names.isEmpty() ? "" : String.join(",", names);
    }

    private static String text(JsonNode content, String field) {
        JsonNode value = content.get(field);
        return value == null || !value.isTextual() ? "\u0000missing" : value.asText();
    }

    private ChainVerdict broken(long checked, long lastSequence, String lastHash, long broken, String reason) {
        Log.errorf("The audit chain does not verify at sequence %d: %s", broken, reason);
        meters.counter("resolve.audit.verifications", "valid", "false").increment();
        return new ChainVerdict(false, checked, lastSequence, lastHash, broken, reason, now());
    }

    private static Instant now() {
        return Instant.now();
    }
}
