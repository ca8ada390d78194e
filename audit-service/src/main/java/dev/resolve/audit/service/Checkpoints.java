package dev.resolve.audit.service;

import dev.resolve.api.paging.Cursor;
import dev.resolve.api.paging.Page;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.domain.ChainHead;
import dev.resolve.audit.domain.ChainVerdict;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.audit.persistence.ChainReader;
import dev.resolve.audit.persistence.CheckpointLog;
import dev.resolve.audit.persistence.CheckpointRepository;
import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.plumbing.EventsConfig;
import dev.resolve.plumbing.outbox.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Signs the chain head and publishes the checkpoint outside the database: first to the append-only checkpoint log
 * (synced to disk), then, in one transaction, to the database's listing and through the outbox to
 * {@code audit.checkpoints}. A checkpoint is signed only when the chain still extends the previous one (the entry at
 * its sequence carries its hash and every entry after it links to the one before): the service never vouches for a
 * chain someone cut or rechained.
 */
@ApplicationScoped
public class Checkpoints {

    /** The aggregate id of the one audit chain, the key of its checkpoints on Kafka. */
    public static final String CHAIN = AuditCheckpointSigned.KEY;

    /** The outcome of a signing request. */
    public record Signing(ChainCheckpoint checkpoint, boolean signed) {
    }

    /** The chain has no entry to sign. */
    public static final class EmptyChainException extends RuntimeException {
        EmptyChainException() {
            super("The audit chain is empty: there is nothing to sign");
        }
    }

    /** The chain no longer extends the last checkpoint: it was altered, and nothing is signed until that is resolved. */
    public static final class ChainAlteredException extends RuntimeException {
        ChainAlteredException(ChainCheckpoint previous, String reason, Long sequence) {
            super("The audit chain no longer extends " + (previous == null ? "its first entry" : "checkpoint " + previous.sequence())
                    + ": " + reason + " at sequence " + sequence + "; no checkpoint was signed (run GET /api/v1/audit/verify)");
        }
    }

    private static final Comparator<ChainCheckpoint> BY_SEQUENCE = Comparator.comparingLong(ChainCheckpoint::sequence);

    private final AuditEntryRepository entries;
    private final CheckpointRepository checkpoints;
    private final CheckpointLog log;
    private final CheckpointKeys keys;
    private final ChainReader reader;
    private final EventPublisher events;
    private final EventsConfig eventsConfig;
    private final MeterRegistry meters;
    private volatile ChainCheckpoint lastSigned;

    public Checkpoints(AuditEntryRepository entries, CheckpointRepository checkpoints, CheckpointLog log, CheckpointKeys keys,
            ChainReader reader, EventPublisher events, EventsConfig eventsConfig, MeterRegistry meters) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.log = log;
        this.keys = keys;
        this.reader = reader;
        this.events = events;
        this.eventsConfig = eventsConfig;
        this.meters = meters;
    }

    /** Signs the head every {@code resolve.audit.checkpoint.interval} when entries were appended since the last one. */
    @Scheduled(every = "${resolve.audit.checkpoint.interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void signPeriodically() {
        try {
            signHead();
        } catch (EmptyChainException e) {
            // Nothing appended yet.
        } catch (ChainAlteredException e) {
            Log.error(e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "No audit checkpoint could be signed");
        }
    }

    /**
     * Signs the current head unless the latest checkpoint already covers it (then answers that one).
     *
     * @throws EmptyChainException when there is no entry
     * @throws ChainAlteredException when the chain no longer extends the latest checkpoint
     */
    public Signing signHead() {
        ChainHead head = QuarkusTransaction.requiringNew().call(entries::head);
        if (head.isEmpty()) {
            throw new EmptyChainException();
        }
        Optional<ChainCheckpoint> previous = latestGenuine();
        if (previous.isPresent() && previous.get().covers(head.lastSequence())) {
            ChainCheckpoint latest = previous.get();
            if (latest.sequence() == head.lastSequence() && latest.hash().equals(head.lastHash())) {
                return new Signing(latest, false);
            }
            // The head is behind a signed checkpoint, or at it with another hash: the tail was cut or rewritten.
            refused();
            throw new ChainAlteredException(latest, latest.sequence() > head.lastSequence()
                    ? ChainVerdict.ENDS_BEFORE_CHECKPOINT : ChainVerdict.CHECKPOINT_MISMATCH, head.lastSequence() + 1);
        }
        LinkCheck check = new LinkCheck(previous.orElse(null));
        reader.readLinks(previous.map(latest -> latest.sequence() - 1).orElse(0L), head.lastSequence(), check::visit);
        if (check.reason == null && check.lastSequence != head.lastSequence()) {
            check.broken(check.lastSequence + 1, ChainVerdict.SEQUENCE_GAP);
        }
        if (check.reason != null) {
            refused();
            throw new ChainAlteredException(previous.orElse(null), check.reason, check.brokenSequence);
        }
        ChainCheckpoint checkpoint = keys.sign(head.lastSequence(), head.lastHash(), Instant.now());
        log.append(checkpoint);
        QuarkusTransaction.requiringNew().run(() -> {
            checkpoints.add(checkpoint);
            events.publish(CHAIN, checkpoint.published(), EventMetadata.fromRequest(null, EventMetadata.systemActor(eventsConfig.producer())));
        });
        lastSigned = checkpoint;
        meters.counter("resolve.audit.checkpoints.signed").increment();
        Log.infof("Signed audit checkpoint %d (%s)", checkpoint.sequence(), checkpoint.hash());
        return new Signing(checkpoint, true);
    }

    /**
     * The newest checkpoint this service knows of: the last line of its checkpoint log, the one it signed last, or the
     * database's newest row, whichever has the highest sequence, whether or not its signature verifies (a forged one
     * is what verification reports).
     */
    public Optional<ChainCheckpoint> latestPublished() {
        return known().max(BY_SEQUENCE);
    }

    /** The newest of the same whose signature verifies with this service's key. */
    private Optional<ChainCheckpoint> latestGenuine() {
        return known().filter(keys::verifies).max(BY_SEQUENCE);
    }

    /** The newest checkpoint of each place one is kept: the log, this instance's memory, the database's listing. */
    private Stream<ChainCheckpoint> known() {
        Optional<ChainCheckpoint> listed = QuarkusTransaction.requiringNew().call(checkpoints::latest);
        return Stream.of(log.last(), Optional.ofNullable(lastSigned), listed).flatMap(Optional::stream);
    }

    /** The oldest listed checkpoint at or after {@code sequence} whose signature verifies. */
    public Optional<ChainCheckpoint> coveringGenuine(long sequence) {
        return QuarkusTransaction.requiringNew().call(() -> checkpoints.atOrAfter(sequence)).filter(keys::verifies);
    }

    /** Up to {@code limit} listed checkpoints below {@code beforeSequence}, newest first. */
    public Page<ChainCheckpoint> page(long beforeSequence, int limit) {
        return Page.of(QuarkusTransaction.requiringNew().call(() -> checkpoints.before(beforeSequence, Page.rowsToRead(limit))),
                limit, last -> Cursor.of(Long.toString(last.sequence())));
    }

    /**
     * Whether the chain extends the previous checkpoint, by its links alone: the entry at the checkpoint's sequence
     * carries the checkpoint's hash, and from there every entry follows without a gap and names the hash before it.
     * Contents are not rehashed here (verify does that): what matters before signing is that nothing the last
     * checkpoint vouched for was cut, replaced or rechained.
     */
    private static final class LinkCheck {

        private final ChainCheckpoint previous;
        private long lastSequence;
        private String lastHash;
        private Long brokenSequence;
        private String reason;

        LinkCheck(ChainCheckpoint previous) {
            this.previous = previous;
            this.lastSequence = previous == null ? 0 : previous.sequence() - 1;
            this.lastHash = previous == null ? ChainHash.GENESIS : null;
        }

        boolean visit(long sequence, String previousHash, String hash) {
            if (sequence != lastSequence + 1) {
                return broken(lastSequence + 1, ChainVerdict.SEQUENCE_GAP);
            }
            boolean atCheckpoint = previous != null && sequence == previous.sequence();
            if (atCheckpoint && !previous.hash().equals(hash)) {
                return broken(sequence, ChainVerdict.CHECKPOINT_MISMATCH);
            }
            if (!atCheckpoint && !lastHash.equals(previousHash)) {
                return broken(sequence, ChainVerdict.PREVIOUS_HASH_MISMATCH);
            }
            lastSequence = sequence;
            lastHash = hash;
            return true;
        }

        boolean broken(long sequence, String why) {
            brokenSequence = sequence;
            reason = why;
            return false;
        }
    }

    private void refused() {
        meters.counter("resolve.audit.checkpoints.refused").increment();
    }
}
