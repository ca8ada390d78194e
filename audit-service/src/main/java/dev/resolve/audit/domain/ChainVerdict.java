package dev.resolve.audit.domain;

import java.time.Instant;

/**
 * The outcome of recomputing the chain.
 *
 * @param entriesChecked entries read, including the broken one
 * @param lastSequence the last entry that verified (0 for none)
 * @param lastHash that entry's hash ({@link ChainHash#GENESIS} for none)
 * @param firstBrokenSequence the first entry that does not verify, or {@code null} when the chain is valid
 * @param reason why it does not verify, or {@code null} when the chain is valid
 */
public record ChainVerdict(
        boolean valid,
        long entriesChecked,
        long lastSequence,
        String lastHash,
        Long firstBrokenSequence,
        String reason,
        Instant checkedAt) {

    public static final String HASH_MISMATCH = "hash mismatch";
    public static final String PREVIOUS_HASH_MISMATCH = "previous hash does not match";
    public static final String SEQUENCE_GAP = "sequence gap";
    public static final String COLUMNS_MISMATCH = "content does not match columns";
    public static final String HEAD_MISMATCH = "chain head does not match the last entry";
}
