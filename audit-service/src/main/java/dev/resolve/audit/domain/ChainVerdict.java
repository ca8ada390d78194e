package dev.resolve.audit.domain;

import java.time.Instant;

/**
 * The outcome of recomputing the chain and holding it against a checkpoint.
 *
 * @param entriesChecked entries read, including the broken one
 * @param lastSequence the last entry that verified (0 for none)
 * @param lastHash that entry's hash ({@link ChainHash#GENESIS} for none)
 * @param firstBrokenSequence the first entry that does not verify, or {@code null} when the chain is valid
 * @param reason why it does not verify, or {@code null} when the chain is valid
 * @param checkpointSource where the checkpoint came from
 * @param checkpoint the checkpoint the chain was held against, or {@code null} for none
 * @param entriesAfterCheckpoint entries after the checkpoint, verified by their links only
 */
public record ChainVerdict(
        boolean valid,
        long entriesChecked,
        long lastSequence,
        String lastHash,
        Long firstBrokenSequence,
        String reason,
        CheckpointSource checkpointSource,
        ChainCheckpoint checkpoint,
        long entriesAfterCheckpoint,
        Instant checkedAt) {

    public static final String HASH_MISMATCH = "hash mismatch";
    public static final String PREVIOUS_HASH_MISMATCH = "previous hash does not match";
    public static final String SEQUENCE_GAP = "sequence gap";
    public static final String COLUMNS_MISMATCH = "content does not match columns";
    public static final String ENDS_BEFORE_CHECKPOINT = "chain ends before the checkpoint";
    public static final String CHECKPOINT_MISMATCH = "does not match the checkpoint";
    public static final String FORGED_CHECKPOINT = "checkpoint signature does not verify";

    /** Where the checkpoint a verification used came from. */
    public enum CheckpointSource {
        /** Passed by the caller. */
        CALLER,
        /** The latest this service published. */
        PUBLISHED,
        /** None: nothing was published yet. */
        NONE
    }
}
