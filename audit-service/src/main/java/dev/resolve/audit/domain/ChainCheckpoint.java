package dev.resolve.audit.domain;

import dev.resolve.contracts.events.payload.AuditCheckpointSigned;

/**
 * The chain head at a moment, signed: the entry at {@code sequence} has {@code hash}. The signature is Ed25519 over
 * the UTF-8 bytes of {@link AuditCheckpointSigned#signedText}, the rule the published event states; {@code signedAt}
 * is kept as the exact text that was signed.
 */
public record ChainCheckpoint(long sequence, String hash, String signedAt, String keyId, String algorithm, String signature) {

    /** The only algorithm checkpoints are signed with. */
    public static final String ED25519 = AuditCheckpointSigned.ALGORITHM;

    /** This checkpoint as published on {@code audit.checkpoints}, which also knows how to check its signature. */
    public AuditCheckpointSigned published() {
        return new AuditCheckpointSigned(sequence, hash, signedAt, keyId, algorithm, signature);
    }

    /** Whether this checkpoint covers the entry at {@code lastSequence} (it is at or after it). */
    public boolean covers(long lastSequence) {
        return sequence >= lastSequence;
    }
}
