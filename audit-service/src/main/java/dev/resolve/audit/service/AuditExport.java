package dev.resolve.audit.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.audit.domain.ChainLink;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.audit.persistence.ChainReader;
import dev.resolve.contracts.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Exports a range of the chain as NDJSON, streamed: a first line with the signed checkpoint the range ends at, then
 * one line per entry (see the contract's {@code exportAuditTrail}); an auditor checks it offline with the public key.
 */
@ApplicationScoped
public class AuditExport {

    /** What an export will hold: entries {@code fromSequence} to the checkpoint's sequence. */
    public record Plan(ChainCheckpoint checkpoint, long fromSequence) {

        public long toSequence() {
            return checkpoint.sequence();
        }
    }

    private final AuditEntryRepository entries;
    private final Checkpoints checkpoints;
    private final ChainReader reader;
    private final MeterRegistry meters;

    public AuditExport(AuditEntryRepository entries, Checkpoints checkpoints, ChainReader reader, MeterRegistry meters) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.meters = meters;
    }

    /**
     * The range to export: from {@code fromSequence} to the oldest genuine checkpoint at or after {@code toSequence}
     * (the head when null, or when it is beyond the head), signing one of the head when none covers it.
     *
     * @throws Checkpoints.EmptyChainException when the chain has no entry
     */
    public Plan plan(long fromSequence, Long toSequence) {
        if (toSequence != null && toSequence < fromSequence) {
            throw Problems.validation(FieldViolation.query("toSequence", "must not be below fromSequence"));
        }
        ChainHead head = QuarkusTransaction.requiringNew().call(entries::head);
        if (head.isEmpty()) {
            throw new Checkpoints.EmptyChainException();
        }
        if (fromSequence > head.lastSequence()) {
            throw Problems.validation(FieldViolation.query("fromSequence",
                    "must be at most the last entry's sequence, " + head.lastSequence()));
        }
        long target = toSequence == null ? head.lastSequence() : Math.min(toSequence, head.lastSequence());
        ChainCheckpoint checkpoint = checkpoints.coveringGenuine(target)
                .orElseGet(() -> checkpoints.signHead().checkpoint());
        return new Plan(checkpoint, fromSequence);
    }

    /** Writes {@code plan}'s export to {@code out}, a line at a time; memory does not grow with the range. */
    public void write(Plan plan, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            json.writeStartObject();
            json.writePOJOField("checkpoint", plan.checkpoint());
            json.writeNumberField("fromSequence", plan.fromSequence());
            json.writeNumberField("toSequence", plan.toSequence());
            json.writeEndObject();
            json.writeRaw('\n');
            long written = reader.read(plan.fromSequence() - 1, plan.toSequence(), link -> {
                line(json, link);
                return true;
            });
            json.flush();
            meters.counter("resolve.audit.exported.entries").increment(written);
        }
    }

    private static void line(JsonGenerator json, ChainLink link) throws IOException {
        json.writeStartObject();
        json.writeNumberField("sequence", link.sequence());
        json.writeStringField("eventId", link.eventId().toString());
        json.writeStringField("eventType", link.eventType());
        json.writeStringField("aggregateType", link.aggregateType());
        json.writeStringField("aggregateId", link.aggregateId());
        json.writeStringField("correlationId", link.correlationId());
        if (link.causationId() != null) {
            json.writeStringField("causationId", link.causationId());
        }
        json.writeStringField("actor", link.actor());
        json.writeArrayFieldStart("actorRoles");
        if (link.actorRoles() != null && !link.actorRoles().isEmpty()) {
            for (String role : link.actorRoles().split(",")) {
                json.writeString(role);
            }
        }
        json.writeEndArray();
        json.writeStringField("producer", link.producer());
        json.writeStringField("occurredAt", link.occurredAt().toString());
        json.writeStringField("recordedAt", link.recordedAt().toString());
        json.writeStringField("content", link.content());
        json.writeStringField("previousHash", link.previousHash());
        json.writeStringField("hash", link.hash());
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
