package dev.resolve.audit.service;

import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.domain.ChainVerdict;
import dev.resolve.audit.domain.ChainVerdict.CheckpointSource;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.audit.persistence.ChainReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Recomputes the whole chain from the stored rows in one streaming pass (see {@link ChainWalk}) and holds it against
 * a signed checkpoint: the caller's, or the latest this service published. The checkpoint's signature is checked
 * first, with the public key (a forged one is reported as such); then the entry at its sequence must exist and carry
 * its hash. Because each hash covers every entry before it, matching the newest checkpoint proves the whole chain up
 * to it; the entries after it are proven by their links only, until the next checkpoint signs them.
 */
@ApplicationScoped
public class ChainVerifier {

    private final ChainReader reader;
    private final Checkpoints checkpoints;
    private final CheckpointKeys keys;
    private final MeterRegistry meters;

    public ChainVerifier(ChainReader reader, Checkpoints checkpoints, CheckpointKeys keys, MeterRegistry meters) {
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.meters = meters;
    }

    /** Verifies the chain as it stands when the check starts against {@code given}, or else the latest published. */
    public ChainVerdict verify(Optional<ChainCheckpoint> given) {
        CheckpointSource source;
        ChainCheckpoint checkpoint;
        if (given.isPresent()) {
            source = CheckpointSource.CALLER;
            checkpoint = given.get();
        } else {
            checkpoint = checkpoints.latestPublished().orElse(null);
            source = checkpoint == null ? CheckpointSource.NONE : CheckpointSource.PUBLISHED;
        }
        if (checkpoint != null && !keys.verifies(checkpoint)) {
            return verdict(null, source, checkpoint, checkpoint.sequence(), ChainVerdict.FORGED_CHECKPOINT);
        }
        ChainWalk walk = ChainWalk.fromGenesis(checkpoint);
        try {
            reader.read(0, Long.MAX_VALUE, walk::visit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        walk.finish();
        return verdict(walk, source, checkpoint, walk.brokenSequence(), walk.reason());
    }

    private ChainVerdict verdict(ChainWalk walk, CheckpointSource source, ChainCheckpoint checkpoint, Long broken, String reason) {
        boolean valid = reason == null;
        long last = walk == null ? 0 : walk.lastSequence();
        meters.counter("resolve.audit.verifications", "valid", Boolean.toString(valid)).increment();
        if (!valid) {
            Log.errorf("The audit chain does not verify at sequence %d: %s", broken, reason);
        }
        long afterCheckpoint = valid && checkpoint != null ? last - checkpoint.sequence() : valid ? last : 0;
        return new ChainVerdict(valid, walk == null ? 0 : walk.checked(), last,
                walk == null ? ChainHash.GENESIS : walk.lastHash(), broken, reason, source,
                checkpoint, afterCheckpoint, Instant.now());
    }
}
