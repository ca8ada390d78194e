package dev.resolve.plumbing.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.json.Json;
import dev.resolve.plumbing.EventsConfig;
import dev.resolve.plumbing.Faults;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka, keyed by aggregate id, and deletes them in bulk once Kafka acknowledged them.
 *
 * <p>Order: no event of an aggregate is sent before an earlier one of the same aggregate has been acknowledged.
 * Rows are claimed in id order with {@code FOR UPDATE SKIP LOCKED} (several instances share the work); a row is only
 * sent when every older unsent row of its aggregate is in the same claim, and rows are sent in rounds: the first
 * unsent row of each aggregate, then, once Kafka acknowledged those, the next ones. When a row fails, its
 * aggregate's later rows wait.
 *
 * <p>Faults: when every send of a round fails with a retriable error, Kafka is taken to be down: nothing is charged
 * to the rows and the relay pauses with a growing backoff. A row whose own send fails while others go through (too
 * large, a topic it may not write) is retried with a growing pause and, after {@code max-attempts}, parked: left
 * alone, counted ({@code resolve_outbox_parked_total}) and listed by {@link OutboxAdministration}; its aggregate's
 * later rows wait behind it while every other aggregate goes on.
 *
 * <p>A commit in this instance wakes the relay at once; otherwise it polls every {@code poll-interval}. A relay
 * that finds nothing it may send waits for the next wake-up or poll, so idle and blocked instances do not spin.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * Claims the next rows in publication order and says, for each, whether an older unsent row of its aggregate is
     * outside the claim (held by another instance right now): such a row must wait. Rows behind a row whose own
     * sends failed (backing off or parked) are not claimed at all.
     */
    private static final String CLAIM = """
            WITH claimed AS (
                SELECT m.id, m.event_id, m.topic, m.aggregate_type, m.aggregate_id, m.event_type, m.schema_version,
                       m.occurred_at, m.producer, m.correlation_id, m.causation_id, m.actor, m.payload, m.actor_roles
                  FROM outbox_message m
                 WHERE m.parked_at IS NULL
                   AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= now())
                   AND NOT EXISTS (SELECT 1 FROM outbox_message f
                                    WHERE f.aggregate_id = m.aggregate_id AND f.id < m.id
                                      AND f.attempts > 0)
                 ORDER BY m.id
                 LIMIT ?
                   FOR UPDATE OF m SKIP LOCKED)
            SELECT c.id, c.event_id, c.topic, c.aggregate_type, c.aggregate_id, c.event_type, c.schema_version,
                   c.occurred_at, c.producer, c.correlation_id, c.causation_id, c.actor, c.payload::text,
                   c.actor_roles,
                   EXISTS (SELECT 1 FROM outbox_message o
                            WHERE o.aggregate_id = c.aggregate_id AND o.id < c.id
                              AND o.id NOT IN (SELECT id FROM claimed)) AS held
              FROM claimed c
             ORDER BY c.id""";
    /** Sent rows are deleted: Kafka holds the events now. */
    private static final String MARK_SENT = "DELETE FROM outbox_message WHERE id = ANY (?)";
    private static final String MARK_FAILED = """
            UPDATE outbox_message AS m
               SET attempts = m.attempts + 1,
                   last_error = f.error,
                   next_attempt_at = now() + make_interval(secs => least(?, ? * power(2, m.attempts))),
                   parked_at = CASE WHEN m.attempts + 1 >= ? THEN now() END
              FROM unnest(?::bigint[], ?::text[]) AS f(id, error)
             WHERE m.id = f.id
            RETURNING m.id, m.event_id, m.aggregate_id, m.parked_at IS NOT NULL,
                      extract(epoch FROM m.next_attempt_at - now()) * 1000""";
    private static final double FIRST_RETRY_SECONDS = 0.2;

    private final AgroalDataSource dataSource;
    private final EventsConfig.Outbox config;
    private final OutboxTransport transport;
    private final MeterRegistry meters;
    private final Semaphore wakeUp = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Counter polls;
    private final Counter failures;
    private final Counter parked;

    private volatile boolean running;
    private volatile Thread worker;
    private volatile Outage outage;
    /** When rows this instance charged with a failure may be tried again (System.nanoTime), soonest first. */
    private final PriorityQueue<Long> retryTimes = new PriorityQueue<>();

    public OutboxRelay(AgroalDataSource dataSource, EventsConfig config, OutboxTransport transport, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config.outbox();
        this.transport = transport;
        this.meters = meters;
        this.polls = Counter.builder("resolve.outbox.relay.polls")
                .description("Relay transactions run (claims of outbox rows), sent or not").register(meters);
        this.failures = Counter.builder("resolve.outbox.publish.failures")
                .description("Outbox rows Kafka refused or did not acknowledge, and rounds lost to a Kafka outage").register(meters);
        this.parked = Counter.builder("resolve.outbox.parked")
                .description("Outbox rows parked after their own sends kept failing").register(meters);
    }

    /** The relay is down while {@code since}: Kafka did not acknowledge any send. */
    public record Outage(Instant since, String error) {
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("Outbox relay is off in this instance (resolve.events.outbox.relay-enabled=false)");
            return;
        }
        running = true;
        Thread thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopped.countDown();
        wakeUp.release();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(config.sendTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the relay: a transaction that wrote outbox rows has committed. */
    void wake() {
        if (running && wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Whether this instance runs a relay (configured on, started, thread alive). */
    public boolean isRunning() {
        Thread thread = worker;
        return running && thread != null && thread.isAlive();
    }

    /** Whether this instance is configured to relay. */
    public boolean isEnabled() {
        return config.relayEnabled();
    }

    /** The current Kafka outage as the relay sees it, or null. */
    public Outage outage() {
        return outage;
    }

    private void run() {
        long backoffMillis = 0;
        while (running) {
            try {
                BatchResult result = relayBatch();
                if (result.outageError() != null) {
                    Outage current = outage;
                    outage = new Outage(current == null ? Instant.now() : current.since(), result.outageError());
                    failures.increment();
                    backoffMillis = Math.min(Math.max(backoffMillis * 2, 100), config.maxBackoff().toMillis());
                    Log.warnf("Outbox relay: Kafka acknowledged nothing, retrying in %d ms: %s", backoffMillis, result.outageError());
                    sleep(backoffMillis);
                    continue;
                }
                if (outage != null) {
                    Log.infof("Outbox relay: Kafka acknowledges again (down since %s)", outage.since());
                    outage = null;
                }
                backoffMillis = 0;
                if (result.claimed() < config.batchSize() || result.sent() == 0) {
                    // Less than a full batch, or nothing this instance may send now: wait for a commit, the next
                    // poll, or the time a failed row may be retried, whichever comes first.
                    waitForWork(untilNextRetry(config.pollInterval().toMillis()));
                }
            } catch (Throwable e) {
                // Nothing stops the relay: a database outage or even an Error is logged, counted and retried.
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 100), config.maxBackoff().toMillis());
                failures.increment();
                Log.errorf(e, "Outbox relay failed, retrying in %d ms: %s", backoffMillis, Faults.rootMessage(e));
                sleep(backoffMillis);
            }
        }
    }

    private long untilNextRetry(long pollMillis) {
        synchronized (retryTimes) {
            long now = System.nanoTime();
            boolean due = false;
            while (!retryTimes.isEmpty() && retryTimes.peek() - now <= 0) {
                retryTimes.poll();
                due = true;
            }
            if (due) {
                return 1;
            }
            return retryTimes.isEmpty() ? pollMillis : Math.min(pollMillis, Math.max(1, (retryTimes.peek() - now) / 1_000_000));
        }
    }

    private void waitForWork(long millis) {
        try {
            if (wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                // Woken by a commit: let the rows of the commits right behind it gather, then take them together.
                stopped.await(config.linger().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void sleep(long millis) {
        try {
            // Commits do not cut a backoff short; a shutdown does.
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Claims, sends and marks one batch in one database transaction. */
    BatchResult relayBatch() throws SQLException {
        polls.increment();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                BatchResult result = relayBatch(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private BatchResult relayBatch(Connection connection) throws SQLException {
        List<Row> claimed = claim(connection);
        if (claimed.isEmpty()) {
            return new BatchResult(0, 0, 0, null);
        }
        Set<String> held = new HashSet<>();
        claimed.stream().filter(Row::held).forEach(row -> held.add(row.envelope.aggregateId()));
        Map<String, ArrayDeque<Row>> byAggregate = new LinkedHashMap<>();
        for (Row row : claimed) {
            if (!held.contains(row.envelope.aggregateId())) {
                byAggregate.computeIfAbsent(row.envelope.aggregateId(), key -> new ArrayDeque<>()).add(row);
            }
        }

        List<Long> sent = new ArrayList<>();
        List<Row> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String outageError = null;
        // Later rounds wait for the next batch once one send timeout has passed; each round's sends are awaited up to
        // the producer's delivery timeout, by which time the producer has settled every one of them.
        long batchEnd = System.nanoTime() + config.sendTimeout().toNanos();
        while (!byAggregate.isEmpty() && System.nanoTime() < batchEnd) {
            Round round = sendRound(byAggregate);
            awaitRound(round, System.nanoTime() + config.sendTimeout().plusSeconds(1).toNanos());
            int acknowledged = 0;
            boolean allRetriable = true;
            Throwable firstError = null;
            for (int i = 0; i < round.attempted(); i++) {
                Row row = round.rows.get(i);
                Throwable error = round.errors.get(i);
                if (error == null) {
                    acknowledged++;
                    sent.add(row.id);
                    byAggregate.get(row.envelope.aggregateId()).poll();
                    countPublished(row.topic);
                } else {
                    allRetriable &= isRetriable(error);
                    firstError = firstError == null ? error : firstError;
                }
            }
            if (acknowledged == 0 && allRetriable && firstError != null) {
                // Nothing went through and nothing was refused outright: Kafka is away, the rows are not to blame.
                outageError = Faults.rootMessage(firstError);
                break;
            }
            for (int i = 0; i < round.attempted(); i++) {
                Throwable error = round.errors.get(i);
                if (error != null) {
                    Row row = round.rows.get(i);
                    failed.add(row);
                    errors.add(Faults.rootMessage(error));
                    // Its aggregate's later rows wait for it.
                    byAggregate.remove(row.envelope.aggregateId());
                }
            }
            if (round.blocked != null) {
                // Sends after the one that could not get metadata were not tried; they wait for the next batch.
                break;
            }
            byAggregate.values().removeIf(ArrayDeque::isEmpty);
        }
        markSent(connection, sent);
        markFailed(connection, failed, errors);
        if (Log.isDebugEnabled()) {
            Log.debugf("Outbox relay: claimed %d, held elsewhere %d, sent %d, failed %d%s", claimed.size(), held.size(),
                    sent.size(), failed.size(), outageError == null ? "" : ", outage: " + outageError);
        }
        return new BatchResult(claimed.size(), sent.size(), failed.size(), outageError);
    }

    /** Sends the first waiting row of every aggregate; stops early when topic metadata cannot be had. */
    private Round sendRound(Map<String, ArrayDeque<Row>> byAggregate) {
        Round round = new Round();
        for (ArrayDeque<Row> rows : byAggregate.values()) {
            Row row = rows.peek();
            round.rows.add(row);
            try {
                round.futures.add(transport.send(record(row)));
            } catch (RuntimeException e) {
                round.futures.add(CompletableFuture.failedFuture(e));
                if (Faults.isTransient(e)) {
                    // Metadata did not come within max-block: every further send would wait as long again.
                    round.blocked = e;
                    break;
                }
            }
        }
        transport.flush();
        return round;
    }

    private static void awaitRound(Round round, long deadline) {
        for (CompletableFuture<Void> future : round.futures) {
            try {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                round.errors.add(null);
            } catch (ExecutionException e) {
                round.errors.add(e.getCause() == null ? e : e.getCause());
            } catch (TimeoutException e) {
                round.errors.add(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                round.errors.add(e);
            }
        }
    }

    private static boolean isRetriable(Throwable error) {
        return error instanceof RetriableException || error instanceof TimeoutException || Faults.isTransient(error);
    }

    private static ProducerRecord<String, byte[]> record(Row row) {
        return CloudEventCodec.toRecord(row.topic, row.envelope);
    }

    private void countPublished(String topic) {
        published.computeIfAbsent(topic, name -> Counter.builder("resolve.outbox.published")
                .description("Events published from the outbox and acknowledged by Kafka").tag("topic", name)
                .register(meters)).increment();
    }

    private List<Row> claim(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setInt(1, config.batchSize());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    JsonNode payload = Json.mapper().readTree(result.getString(13));
                    EventEnvelope envelope = new EventEnvelope(result.getObject(2, UUID.class), result.getString(6),
                            result.getInt(7), result.getTimestamp(8).toInstant(), result.getString(9),
                            result.getString(4), result.getString(5), result.getString(10), result.getString(11),
                            result.getString(12), roles(result.getString(14)), payload);
                    rows.add(new Row(result.getLong(1), result.getString(3), envelope, result.getBoolean(15)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Outbox payload is not JSON", e);
            }
        }
        return rows;
    }

    private static void markSent(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(MARK_SENT)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            statement.executeUpdate();
        }
    }

    private void markFailed(Connection connection, List<Row> rows, List<String> errors) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        failures.increment(rows.size());
        try (PreparedStatement statement = connection.prepareStatement(MARK_FAILED)) {
            statement.setDouble(1, config.maxBackoff().toMillis() / 1000.0);
            statement.setDouble(2, FIRST_RETRY_SECONDS);
            statement.setInt(3, config.maxAttempts());
            statement.setArray(4, connection.createArrayOf("bigint", rows.stream().map(row -> row.id).toArray()));
            statement.setArray(5, connection.createArrayOf("text",
                    errors.stream().map(error -> error.substring(0, Math.min(error.length(), 2000))).toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (!result.getBoolean(4)) {
                        synchronized (retryTimes) {
                            retryTimes.add(System.nanoTime() + (long) (Math.max(0, result.getDouble(5)) * 1_000_000));
                        }
                    }
                    if (result.getBoolean(4)) {
                        parked.increment();
                        Log.errorf("Outbox relay parked event %s of aggregate %s after %d failed attempts; its aggregate's "
                                + "later events wait until it is retried", result.getObject(2), result.getString(3), config.maxAttempts());
                    }
                }
            }
        }
    }

    /** A claimed row; {@code held} when an older unsent row of its aggregate is claimed elsewhere. */
    private record Row(long id, String topic, EventEnvelope envelope, boolean held) {
    }

    /** One round of sends: the rows, their futures and, once awaited, their errors (null for acknowledged). */
    private static final class Round {
        final List<Row> rows = new ArrayList<>();
        final List<CompletableFuture<Void>> futures = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        RuntimeException blocked;

        /** How many rows were sent (or failed trying): the rest of a blocked round was not tried. */
        int attempted() {
            return futures.size();
        }
    }

    /**
     * What one relay transaction did: rows claimed, sent, charged with a failure, and the error when Kafka
     * acknowledged nothing at all (an outage).
     */
    record BatchResult(int claimed, int sent, int failed, String outageError) {
    }

    /** The configured poll interval (for callers that wait on the relay). */
    Duration pollInterval() {
        return config.pollInterval();
    }

    private static List<String> roles(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
    }
}
