package dev.resolve.api.idempotency;

import dev.resolve.api.context.CallContext;
import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.ProblemTypes;
import dev.resolve.api.problem.Problems;
import dev.resolve.contracts.json.CanonicalJson;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes creating POSTs safe to retry. The key is claimed with an insert in the caller's transaction, the work
 * runs, and its answer is stored in the same transaction: either all of it commits or none of it does.
 *
 * <p>A retry with the same key and body gets the stored answer. A retry that arrives while the first attempt is
 * still running blocks on the key's row until that attempt commits (then it is a replay) or rolls back (then it
 * does the work itself); if that takes longer than {@code resolve.idempotency.in-flight-wait} it gets 409. The same
 * key with another body gets 422. Request bodies are compared by the SHA-256 of their canonical JSON, so
 * formatting and member order do not matter.
 */
@ApplicationScoped
public class IdempotentRequests {

    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final EntityManager entityManager;
    private final IdempotencyConfig config;
    private final CallContext call;

    public IdempotentRequests(EntityManager entityManager, IdempotencyConfig config, CallContext call) {
        this.entityManager = entityManager;
        this.config = config;
        this.call = call;
    }

    /**
     * Runs {@code work} once per caller, {@code operation} and {@code key}: keys are the caller's own, so two callers
     * may use the same key. Without a key it simply runs {@code work}.
     *
     * @param operation what is being done, such as {@code POST /api/v1/requests}
     * @param key the client's Idempotency-Key header, or {@code null}
     * @param requestBody the request body, to tell a retry from a different request
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredResponse execute(String operation, String key, Object requestBody, Supplier<StoredResponse> work) {
        if (key == null) {
            return work.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw Problems.validation(FieldViolation.header("Idempotency-Key", "must be 1 to 255 printable ASCII characters"));
        }
        String fingerprint = CanonicalJson.sha256(requestBody);
        String caller = call.actor();
        entityManager.createNativeQuery("""
                DELETE FROM idempotency_key
                 WHERE caller = ?3 AND operation = ?1 AND idempotency_key = ?2 AND expires_at < now()""")
                .setParameter(1, operation).setParameter(2, key).setParameter(3, caller).executeUpdate();
        if (claim(caller, operation, key, fingerprint)) {
            StoredResponse response = work.get();
            entityManager.createNativeQuery("""
                    UPDATE idempotency_key SET response_status = ?3, response_location = ?4, response_body = ?5
                     WHERE caller = ?6 AND operation = ?1 AND idempotency_key = ?2""")
                    .setParameter(1, operation).setParameter(2, key).setParameter(3, response.status())
                    .setParameter(4, response.location()).setParameter(5, response.body()).setParameter(6, caller)
                    .executeUpdate();
            return response;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT request_hash, response_status, response_location, response_body
                  FROM idempotency_key WHERE caller = ?3 AND operation = ?1 AND idempotency_key = ?2""")
                .setParameter(1, operation).setParameter(2, key).setParameter(3, caller).getResultList();
        if (rows.isEmpty()) {
            // Expired and cleaned up between our insert attempt and this read: the client may simply retry.
            throw Problems.conflict(ProblemTypes.IDEMPOTENCY_KEY_IN_FLIGHT, "The Idempotency-Key changed state during this request; retry.");
        }
        Object[] stored = rows.get(0);
        if (!fingerprint.equals(stored[0])) {
            throw Problems.unprocessable(ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request body; use a new key for a new request.");
        }
        return new StoredResponse(((Number) stored[1]).intValue(), (String) stored[2], (String) stored[3], true);
    }

    /** Inserts the key; false when it exists (after waiting for an in-flight holder to finish). */
    private boolean claim(String caller, String operation, String key, String fingerprint) {
        entityManager.createNativeQuery("SELECT set_config('lock_timeout', ?1, true)")
                .setParameter(1, config.inFlightWait().toMillis() + "ms").getSingleResult();
        boolean inserted;
        try {
            inserted = entityManager.createNativeQuery("""
                    INSERT INTO idempotency_key (caller, operation, idempotency_key, request_hash, expires_at)
                    VALUES (?5, ?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                    .setParameter(1, operation).setParameter(2, key).setParameter(3, fingerprint)
                    .setParameter(4, Instant.now().plus(config.retention())).setParameter(5, caller)
                    .executeUpdate() == 1;
        } catch (PersistenceException e) {
            if (LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
                throw Problems.conflict(ProblemTypes.IDEMPOTENCY_KEY_IN_FLIGHT,
                        "A request with this Idempotency-Key is still being processed; retry shortly.");
            }
            throw e;
        }
        // The wait applies to the key only, not to the work that follows.
        entityManager.createNativeQuery("SELECT set_config('lock_timeout', '0', true)").getSingleResult();
        return inserted;
    }

    private static String sqlState(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Scheduled(every = "${resolve.idempotency.cleanup-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpiredKeys() {
        int deleted = QuarkusTransaction.requiringNew().call(() ->
                entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE expires_at < now()").executeUpdate());
        if (deleted > 0) {
            Log.infof("Deleted %d expired idempotency keys", deleted);
        }
    }
}
