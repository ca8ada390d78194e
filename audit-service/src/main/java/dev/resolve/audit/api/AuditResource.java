package dev.resolve.audit.api;

import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.audit.api.generated.ApiResource;
import dev.resolve.audit.api.generated.beans.AuditEntry;
import dev.resolve.audit.api.generated.beans.AuditEntryPage;
import dev.resolve.audit.api.generated.beans.ChainVerification;
import dev.resolve.audit.api.generated.beans.Payload;
import dev.resolve.audit.service.AuditTrail;
import dev.resolve.audit.service.ChainVerifier;
import dev.resolve.contracts.json.Json;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** The audit API of the contract {@code shared-contracts/src/main/openapi/audit-service/openapi.yaml}. */
public class AuditResource implements ApiResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final String BAD_CURSOR = "is not a cursor this API issued for this aggregateId; use nextCursor from a previous page";

    private final AuditTrail trail;
    private final ChainVerifier verifier;

    public AuditResource(AuditTrail trail, ChainVerifier verifier) {
        this.trail = trail;
        this.verifier = verifier;
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public AuditEntryPage listAuditEntries(String aggregateId, Integer limit, String cursor) {
        List<FieldViolation> violations = new ArrayList<>();
        if (aggregateId == null || aggregateId.isBlank()) {
            violations.add(FieldViolation.query("aggregateId", "must not be blank"));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            violations.add(FieldViolation.query("limit", "must be between 1 and " + MAX_LIMIT));
        }
        long after = 0;
        try {
            after = afterSequence(cursor, aggregateId);
        } catch (HttpProblem e) {
            violations.add(FieldViolation.query("cursor", BAD_CURSOR));
        }
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }

        AuditTrail.Page page = trail.page(aggregateId, after, size);
        AuditEntryPage view = new AuditEntryPage();
        view.setItems(page.items().stream().map(AuditResource::view).toList());
        if (page.more()) {
            long last = page.items().get(page.items().size() - 1).sequence;
            view.setNextCursor(Cursor.of(aggregateId, Long.toString(last)).encode());
        }
        return view;
    }

    @Override
    @RolesAllowed({Roles.AUDITOR, Roles.CONTROLLER, Roles.ADMIN})
    public ChainVerification verifyAuditChain() {
        dev.resolve.audit.domain.ChainVerification result = verifier.verify();
        ChainVerification view = new ChainVerification();
        view.setValid(result.valid());
        view.setEntriesChecked(result.entriesChecked());
        view.setLastSequence(result.lastSequence());
        view.setLastHash(result.lastHash());
        view.setFirstBrokenSequence(result.firstBrokenSequence());
        view.setReason(result.reason());
        view.setCheckedAt(Date.from(result.checkedAt()));
        return view;
    }

    /** The sequence a cursor continues after (0 without one); the cursor must have been issued for {@code aggregateId}. */
    private static long afterSequence(String cursor, String aggregateId) {
        Cursor decoded = Cursor.decode(cursor, 2);
        if (decoded == null) {
            return 0;
        }
        try {
            long sequence = Long.parseLong(decoded.get(1));
            if (sequence > 0 && decoded.get(0).equals(aggregateId)) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // Falls through to the client error below.
        }
        throw Problems.validation(FieldViolation.query("cursor", BAD_CURSOR));
    }

    private static AuditEntry view(dev.resolve.audit.domain.AuditEntry entry) {
        AuditEntry view = new AuditEntry();
        view.setSequence(entry.sequence);
        view.setEventId(entry.eventId);
        view.setEventType(entry.eventType);
        view.setAggregateType(entry.aggregateType);
        view.setAggregateId(entry.aggregateId);
        view.setCorrelationId(entry.correlationId);
        view.setCausationId(entry.causationId);
        view.setActor(entry.actor);
        view.setActorRoles(entry.actorRoles == null ? java.util.List.of() : java.util.List.of(entry.actorRoles.split(",")));
        view.setProducer(entry.producer);
        view.setOccurredAt(Date.from(entry.occurredAt));
        view.setRecordedAt(Date.from(entry.recordedAt));
        view.setPayload(payload(entry.content));
        view.setContent(entry.content);
        view.setPreviousHash(entry.previousHash);
        view.setHash(entry.hash);
        return view;
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
