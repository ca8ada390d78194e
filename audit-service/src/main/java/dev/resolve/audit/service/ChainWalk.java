package dev.resolve.audit.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.domain.ChainLink;
import dev.resolve.audit.domain.ChainVerdict;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.audit.domain.EntrySubjects;
import dev.resolve.contracts.events.EventTypeName;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One pass over the chain in sequence order (fed by {@link dev.resolve.audit.persistence.ChainReader}): each entry must
 * follow the previous one without a gap, name the previous entry's hash, hash to its stored hash and have columns that
 * say what its hashed content says; the entry at the checkpoint's sequence must carry the checkpoint's hash. Stops at
 * the first broken entry. Keeps only the previous entry's sequence and hash: any length in constant memory.
 */
final class ChainWalk {

    /** Field names are read once per entry: interning them costs more than it saves. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private final MessageDigest digest = ChainHash.digest();
    private final ChainCheckpoint checkpoint;
    private long lastSequence;
    private String lastHash = ChainHash.GENESIS;
    private long checked;
    private Long brokenSequence;
    private String reason;

    private ChainWalk(ChainCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** A walk of the whole chain from its first entry, held against {@code checkpoint} (none when null). */
    static ChainWalk fromGenesis(ChainCheckpoint checkpoint) {
        return new ChainWalk(checkpoint);
    }

    /** Checks {@code link}; false once the chain is broken (read no further). */
    boolean visit(ChainLink link) {
        checked++;
        String problem = problem(link);
        if (problem != null) {
            brokenSequence = problem.equals(ChainVerdict.SEQUENCE_GAP) ? lastSequence + 1 : link.sequence();
            reason = problem;
            return false;
        }
        lastSequence = link.sequence();
        lastHash = link.hash();
        return true;
    }

    /** After the last entry: whether the chain reached the checkpoint. */
    void finish() {
        if (reason == null && checkpoint != null && lastSequence < checkpoint.sequence()) {
            brokenSequence = lastSequence + 1;
            reason = ChainVerdict.ENDS_BEFORE_CHECKPOINT;
        }
    }

    boolean intact() {
        return reason == null;
    }

    long lastSequence() {
        return lastSequence;
    }

    String lastHash() {
        return lastHash;
    }

    long checked() {
        return checked;
    }

    Long brokenSequence() {
        return brokenSequence;
    }

    String reason() {
        return reason;
    }

    private String problem(ChainLink link) {
        if (link.sequence() != lastSequence + 1) {
            return ChainVerdict.SEQUENCE_GAP;
        }
        if (!lastHash.equals(link.previousHash())) {
            return ChainVerdict.PREVIOUS_HASH_MISMATCH;
        }
        if (!ChainHash.hash(digest, link.previousHash(), link.content()).equals(link.hash())) {
            return ChainVerdict.HASH_MISMATCH;
        }
        if (!columnsMatchContent(link)) {
            return ChainVerdict.COLUMNS_MISMATCH;
        }
        if (checkpoint != null && link.sequence() == checkpoint.sequence() && !checkpoint.hash().equals(link.hash())) {
            return ChainVerdict.CHECKPOINT_MISMATCH;
        }
        return null;
    }

    /** Whether the columns that queries use say what the hashed content says; reads the content once, streaming. */
    static boolean columnsMatchContent(ChainLink link) {
        Content content = new Content();
        try (JsonParser parser = JSON.createParser(link.content())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                content.read(parser.currentName(), parser);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return content.matches(link);
    }

    /** The members of an entry's content that its columns repeat. */
    private static final class Content {

        private String eventId;
        private String type;
        private Integer schemaVersion;
        private String occurredAt;
        private String producer;
        private String aggregateType;
        private String aggregateId;
        private String correlationId;
        private String causationId;
        private String actor;
        private String actorRoles;
        private Long sequence;
        private String caseId;
        private String requestId;
        private String customerReference;

        void read(String name, JsonParser parser) throws IOException {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "eventId" -> eventId = text(parser, token);
                case "type" -> type = text(parser, token);
                case "schemaVersion" -> schemaVersion = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                case "occurredAt" -> occurredAt = text(parser, token);
                case "producer" -> producer = text(parser, token);
                case "aggregateType" -> aggregateType = text(parser, token);
                case "aggregateId" -> aggregateId = text(parser, token);
                case "correlationId" -> correlationId = text(parser, token);
                case "causationId" -> causationId = text(parser, token);
                case "actor" -> actor = text(parser, token);
                case "sequence" -> sequence = token == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                case "actorRoles" -> actorRoles = roles(parser, token);
                case "payload" -> payload(parser, token);
                default -> parser.skipChildren();
            }
        }

        private void payload(JsonParser parser, JsonToken token) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "caseId" -> caseId = text(parser, value);
                    case "requestId" -> requestId = text(parser, value);
                    case "customerReference" -> customerReference = text(parser, value);
                    default -> parser.skipChildren();
                }
            }
        }

        /** Sorted and comma-separated as the column keeps them ("" for an empty array); a non-text role fails. */
        private static String roles(JsonParser parser, JsonToken token) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return "\u0000not an array";
            }
            StringBuilder joined = new StringBuilder();
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
                if (!joined.isEmpty()) {
                    joined.append(',');
                }
                joined.append(parser.getText());
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("A role is not text");
            }
            return joined.toString();
        }

        /** Whether the content's {@code occurredAt} is the column's instant (which keeps microseconds). */
        private static boolean sameInstant(String text, Instant column) {
            if (column == null) {
                return false;
            }
            if (text.equals(column.toString())) {
                // The usual case: events are stamped to the microsecond, and Instant.toString is what was hashed.
                return true;
            }
            try {
                return Instant.parse(text).truncatedTo(ChronoUnit.MICROS).equals(column);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private static String text(JsonParser parser, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }

        boolean matches(ChainLink link) {
            if (sequence == null || schemaVersion == null || eventId == null || type == null || occurredAt == null) {
                return false;
            }
            if (!sameInstant(occurredAt, link.occurredAt())) {
                return false;
            }
            EntrySubjects subjects = EntrySubjects.of(aggregateType, aggregateId, caseId, requestId, customerReference);
            return sequence == link.sequence()
                    && eventId.equals(link.eventId().toString())
                    && EventTypeName.of(type, schemaVersion).equals(link.eventType())
                    && Objects.equals(aggregateType, link.aggregateType())
                    && Objects.equals(aggregateId, link.aggregateId())
                    && Objects.equals(correlationId, link.correlationId())
                    && Objects.equals(causationId, link.causationId())
                    && Objects.equals(actor, link.actor())
                    && Objects.equals(actorRoles, link.actorRoles())
                    && Objects.equals(producer, link.producer())
                    && Objects.equals(subjects.caseId(), link.caseId())
                    && Objects.equals(subjects.requestId(), link.requestId())
                    && Objects.equals(subjects.customerReference(), link.customerReference());
        }
    }
}
