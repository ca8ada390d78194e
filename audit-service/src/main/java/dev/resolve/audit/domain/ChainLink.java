package dev.resolve.audit.domain;

import java.time.Instant;
import java.util.UUID;

/** The stored columns of one entry that verification reads (everything but the entry id and recording time). */
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
        String content,
        String previousHash,
        String hash) {
}
