package dev.resolve.audit.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.paging.Page;
import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.audit.api.generated.beans.AuditEntry;
import dev.resolve.audit.api.generated.beans.AuditEntryPage;
import dev.resolve.audit.api.generated.beans.ChainVerification;
import dev.resolve.audit.api.generated.beans.Checkpoint;
import dev.resolve.audit.api.generated.beans.CheckpointPage;
import dev.resolve.audit.api.generated.beans.Payload;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainVerdict;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.contracts.json.Json;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Between the audit API's beans and parameters and the domain. */
public final class AuditMapping {

    private AuditMapping() {
    }

    /** The search the parameters ask for; a malformed or empty time range is a 400 naming the parameter. */
    public static AuditEntryRepository.Filter filter(String aggregateId, String caseId, String requestId,
            String customerReference, String actor, String eventType, String correlationId, String occurredFrom,
            String occurredTo) {
        Instant from = instant("occurredFrom", occurredFrom);
        Instant to = instant("occurredTo", occurredTo);
        if (from != null && to != null && !to.isAfter(from)) {
            throw Problems.validation(FieldViolation.query("occurredTo", "must be after occurredFrom"));
        }
        return new AuditEntryRepository.Filter(aggregateId, caseId, requestId, customerReference, actor, eventType,
                correlationId, from, to);
    }

    /** The search parameters, by name. */
    private static final List<String> FILTERS = List.of("aggregateId", "caseId", "requestId", "customerReference", "actor",
            "eventType", "correlationId", "occurredFrom", "occurredTo");

    /** A 400 naming every search parameter given with an empty value. */
    public static void requireNoEmptyFilter(MultivaluedMap<String, String> query) {
        List<FieldViolation> empty = FILTERS.stream()
                .filter(name -> query.containsKey(name) && query.get(name).stream().anyMatch(String::isEmpty))
                .map(name -> FieldViolation.query(name, "must not be empty; leave it out to search without it"))
                .toList();
        if (!empty.isEmpty()) {
            throw Problems.validation(empty);
        }
    }

    /**
     * The checkpoint the caller passed: all five parameters or none (empty); some but not all is a 400 naming the
     * missing ones, a {@code signedAt} that is not an instant a 400 too.
     */
    public static Optional<ChainCheckpoint> checkpoint(Long sequence, String hash, String signedAt, String keyId,
            String signature) {
        List<FieldViolation> missing = new ArrayList<>();
        Object[] values = {sequence, hash, signedAt, keyId, signature};
        String[] names = {"checkpointSequence", "checkpointHash", "checkpointSignedAt", "checkpointKeyId", "checkpointSignature"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.add(FieldViolation.query(names[i], "is required with the other checkpoint parameters"));
            }
        }
        if (missing.size() == values.length) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw Problems.validation(missing);
        }
        instant("checkpointSignedAt", signedAt);
        return Optional.of(new ChainCheckpoint(sequence, hash, signedAt, keyId, ChainCheckpoint.ED25519, signature));
    }

    /** The sequence a checkpoint listing's cursor continues below; any exception means it is not one we issued. */
    public static long checkpointCursor(Cursor cursor) {
        long sequence = Long.parseLong(cursor.get(0));
        if (sequence < 1) {
            throw new IllegalArgumentException("Not a checkpoint position");
        }
        return sequence;
    }

    public static AuditEntryPage entries(Page<ChainEntry> page) {
        AuditEntryPage view = new AuditEntryPage();
        view.setItems(page.items().stream().map(AuditMapping::view).toList());
        view.setNextCursor(page.nextCursor());
        return view;
    }

    public static CheckpointPage checkpoints(Page<ChainCheckpoint> page) {
        CheckpointPage view = new CheckpointPage();
        view.setItems(page.items().stream().map(AuditMapping::view).toList());
        view.setNextCursor(page.nextCursor());
        return view;
    }

    public static Checkpoint view(ChainCheckpoint checkpoint) {
        Checkpoint view = new Checkpoint();
        view.setSequence(checkpoint.sequence());
        view.setHash(checkpoint.hash());
        view.setSignedAt(checkpoint.signedAt());
        view.setKeyId(checkpoint.keyId());
        view.setAlgorithm(Checkpoint.Algorithm.fromValue(checkpoint.algorithm()));
        view.setSignature(checkpoint.signature());
        return view;
    }

    public static ChainVerification view(ChainVerdict verdict) {
        ChainVerification view = new ChainVerification();
        view.setValid(verdict.valid());
        view.setEntriesChecked(verdict.entriesChecked());
        view.setLastSequence(verdict.lastSequence());
        view.setLastHash(verdict.lastHash());
        view.setFirstBrokenSequence(verdict.firstBrokenSequence());
        view.setReason(verdict.reason());
        view.setCheckpointSource(ChainVerification.CheckpointSource.fromValue(
                verdict.checkpointSource().name().toLowerCase(Locale.ROOT)));
        view.setCheckpoint(verdict.checkpoint() == null ? null : view(verdict.checkpoint()));
        view.setEntriesAfterCheckpoint(verdict.entriesAfterCheckpoint());
        view.setCheckedAt(Date.from(verdict.checkedAt()));
        return view;
    }

    static AuditEntry view(ChainEntry entry) {
        AuditEntry view = new AuditEntry();
        view.setSequence(entry.sequence());
        view.setEventId(entry.eventId());
        view.setEventType(entry.eventType());
        view.setAggregateType(entry.aggregateType());
        view.setAggregateId(entry.aggregateId());
        view.setCorrelationId(entry.correlationId());
        view.setCausationId(entry.causationId());
        view.setActor(entry.actor());
        view.setActorRoles(entry.actorRoles());
        view.setProducer(entry.producer());
        view.setOccurredAt(Date.from(entry.occurredAt()));
        view.setRecordedAt(Date.from(entry.recordedAt()));
        view.setPayload(payload(entry.content()));
        view.setContent(entry.content());
        view.setPreviousHash(entry.previousHash());
        view.setHash(entry.hash());
        return view;
    }

    private static Instant instant(String parameter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.validation(FieldViolation.query(parameter,
                    "must be an ISO-8601 date and time with an offset, such as 2026-11-30T10:00:00Z"));
        }
    }

    private static Payload payload(String content) {
        Payload payload = new Payload();
        try {
            JsonNode node = Json.mapper().readTree(content).path("payload");
            Map<String, Object> fields = Json.mapper().convertValue(node, new TypeReference<Map<String, Object>>() { });
            if (fields != null) {
                fields.forEach(payload::setAdditionalProperty);
            }
        } catch (Exception e) {
            // Only a tampered row gets here; the entry is still shown, and verification reports the break.
            Log.warnf("Stored audit content is not readable JSON: %s", e.getMessage());
        }
        return payload;
    }
}
