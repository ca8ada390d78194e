package dev.resolve.audit.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.api.paging.Page;
import dev.resolve.audit.api.generated.beans.AuditEntry;
import dev.resolve.audit.api.generated.beans.AuditEntryPage;
import dev.resolve.audit.api.generated.beans.ChainVerification;
import dev.resolve.audit.api.generated.beans.Payload;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainVerdict;
import dev.resolve.contracts.json.Json;
import io.quarkus.logging.Log;

import java.util.Date;
import java.util.Map;

/** Between the audit API's beans and the domain. */
public final class AuditMapping {

    private AuditMapping() {
    }

    public static AuditEntryPage view(Page<ChainEntry> page) {
        AuditEntryPage view = new AuditEntryPage();
        view.setItems(page.items().stream().map(AuditMapping::view).toList());
        view.setNextCursor(page.nextCursor());
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
