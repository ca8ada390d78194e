package dev.resolve.audit.persistence;

import dev.resolve.audit.domain.ChainCheckpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The database's copy of the published checkpoints, for listing. Verification never trusts a row for being here,
 * only for its signature.
 */
@ApplicationScoped
public class CheckpointRepository {

    private final EntityManager entityManager;

    public CheckpointRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records {@code checkpoint} unless one of its sequence is recorded already (another instance signed it too). */
    public void add(ChainCheckpoint checkpoint) {
        entityManager.createNativeQuery("""
                        INSERT INTO audit_checkpoint (sequence, hash, signed_at, key_id, algorithm, signature)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sequence) DO NOTHING""")
                .setParameter(1, checkpoint.sequence())
                .setParameter(2, checkpoint.hash())
                .setParameter(3, Timestamp.from(Instant.parse(checkpoint.signedAt())))
                .setParameter(4, checkpoint.keyId())
                .setParameter(5, checkpoint.algorithm())
                .setParameter(6, checkpoint.signature())
                .executeUpdate();
    }

    /** The recorded checkpoint of the highest sequence. */
    public Optional<ChainCheckpoint> latest() {
        List<ChainCheckpoint> rows = before(Long.MAX_VALUE, 1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The recorded checkpoint of the lowest sequence at or after {@code sequence}. */
    public Optional<ChainCheckpoint> atOrAfter(long sequence) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT sequence, hash, signed_at, key_id, algorithm, signature
                          FROM audit_checkpoint WHERE sequence >= ?1 ORDER BY sequence LIMIT 1""")
                .setParameter(1, sequence)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(checkpoint((Object[]) rows.get(0)));
    }

    /** At most {@code limit} checkpoints below {@code beforeSequence}, newest first. */
    public List<ChainCheckpoint> before(long beforeSequence, int limit) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT sequence, hash, signed_at, key_id, algorithm, signature
                          FROM audit_checkpoint WHERE sequence < ?1 ORDER BY sequence DESC LIMIT ?2""")
                .setParameter(1, beforeSequence)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream().map(row -> checkpoint((Object[]) row)).toList();
    }

    private static ChainCheckpoint checkpoint(Object[] row) {
        Instant signedAt;
        if (row[2] instanceof Timestamp timestamp) {
            signedAt = timestamp.toInstant();
        } else if (row[2] instanceof OffsetDateTime time) {
            signedAt = time.toInstant();
        } else {
            signedAt = (Instant) row[2];
        }
        return new ChainCheckpoint(((Number) row[0]).longValue(), (String) row[1], signedAt.toString(), (String) row[3],
                (String) row[4], (String) row[5]);
    }
}
