package dev.resolve.audit.domain;

import java.time.Instant;
import java.util.UUID;

/** The stored columns of one entry, as read in chain order by verification and export (never managed by JPA). */
public record ChainLink(
        long sequence,
        UUID eventId,
        String eventType,
        String aggregateType,
        String aggregateId,
        String correlationId,
        String causationId,
        String actor,
        String actorRoles,
        String producer,
        Instant occurredAt,
        Instant recordedAt,
        String caseId,
        String requestId,
        String customerReference,
        String content,
        String previousHash,
        String hash) {
}
