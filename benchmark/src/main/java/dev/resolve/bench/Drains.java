package dev.resolve.bench;

import dev.resolve.launcher.LocalSuite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** How fast the outbox relay, and then each consumer, works through a backlog. */
final class Drains {

    /**
     * One drain: {@code events} of {@code expected} handled in {@code seconds}; CPU time per event of the draining
     * service and of PostgreSQL while it ran.
     */
    record Drain(String what, String service, long expected, long events, double seconds, double eventsPerSecond,
            boolean complete, String measuredBy, Double serviceCpuMsPerEvent, Double postgresCpuMsPerEvent) {
    }

    /**
     * RequestLogged rows as intake-service writes them (topic intake.requests, aggregate ServiceRequest keyed by the
     * request id, a payload valid against RequestLogged.v1.schema.json), one per unique request id. Columns the
     * outbox may gain later keep their defaults.
     */
    static final String INSERT_BACKLOG = """
            INSERT INTO outbox_message (event_id, topic, aggregate_type, aggregate_id, event_type, schema_version,
                   occurred_at, producer, correlation_id, causation_id, actor, payload)
            SELECT gen_random_uuid(), 'intake.requests', 'ServiceRequest', r.id::text, 'RequestLogged', 1, r.at,
                   'intake-service', gen_random_uuid()::text, NULL, 'anonymous',
                   jsonb_build_object(
                       'requestId', r.id::text,
                       'requestNumber', 'SR-' || lpad(r.n::text, 7, '0'),
                       'channel', (ARRAY['PORTAL', 'EMAIL', 'SERVICE_DESK'])[1 + r.n % 3],
                       'type', (ARRAY['BILLING_DISPUTE', 'REFUND', 'CREDIT', 'WRITE_OFF', 'INVOICE_CORRECTION',
                                      'PAYMENT_QUERY', 'SERVICE_ISSUE', 'GENERAL_INQUIRY'])[1 + r.n % 8],
                       'customerReference', 'DRAIN-' || r.n,
                       'subject', 'Invoice INV-D-' || r.n || ' charges the old price',
                       'description', 'The invoice INV-D-' || r.n || ' was issued after the price change but still'
                           || ' charges the old monthly fee; please correct it and credit the difference on the next invoice.',
                       'disputedAmount', jsonb_build_object(
                           'amount', (((r.n * 7919) % 99900 + 100) / 100.0)::numeric(12, 2)::text, 'currency', 'EUR'),
                       'invoiceNumber', 'INV-D-' || r.n,
                       'financial', (1 + r.n % 8) BETWEEN 2 AND 5,
                       'loggedAt', to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
              FROM (SELECT n, gen_random_uuid() AS id, clock_timestamp() AS at FROM generate_series(1, ?) AS n) AS r""";

    private static final long POLL_MILLIS = 100;

    private Drains() {
    }

    /**
     * Inserts {@code backlog} outbox rows into intake's database in one transaction while intake-service runs, and
     * measures the time from the commit until no row is unsent.
     */
    static Drain relay(LocalSuite suite, int backlog, Duration timeout, Consumer<String> progress) throws SQLException {
        String service = "intake-service";
        try (Connection connection = FlowLags.connect(suite, service)) {
            long inserting = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BACKLOG)) {
                insert.setInt(1, backlog);
                insert.executeUpdate();
            }
            connection.commit();
            progress.accept(String.format(Locale.ROOT, "  inserted %,d outbox rows in one transaction (%.1f s); relaying",
                    backlog, (System.nanoTime() - inserting) / 1e9));
            CpuMark before = CpuMark.take(suite, service);
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long unsent;
            while ((unsent = unsent(connection)) > 0 && System.nanoTime() < deadline) {
                sleep(POLL_MILLIS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuMark after = CpuMark.take(suite, service);
            long sent = backlog - unsent;
            return new Drain("outbox relay", service, backlog, sent, seconds, sent / seconds, unsent == 0,
                    "from the commit of the backlog until no outbox row was unsent (polled every 100 ms)",
                    before.serviceMsPer(after, sent), before.postgresMsPer(after, sent));
        }
    }

    /**
     * Starts {@code service} (a consumer that has not read the topics yet) and measures how fast it works through
     * the events waiting for its consumer group: from its first processed event to its last, by its inbox
     * (inbox_processed_event.processed_at), or by the group's committed offsets when it has no inbox table.
     */
    static Drain consumer(LocalSuite suite, KafkaLag kafka, String service, Duration timeout, Consumer<String> progress)
            throws SQLException {
        List<String> topics = KafkaLag.GROUP_TOPICS.get(service);
        long expected = kafka.records(topics);
        progress.accept(String.format(Locale.ROOT, "  %s: %,d events waiting on %s", service, expected, String.join(", ", topics)));
        long launching = System.nanoTime();
        suite.startService(service);
        progress.accept(String.format(Locale.ROOT, "  %s ready after %.1f s; draining", service, (System.nanoTime() - launching) / 1e9));
        CpuMark first = null;
        long firstAt = 0;
        long lastAt = 0;
        long processed = 0;
        boolean complete = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = FlowLags.connect(suite, service)) {
            connection.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                Long inbox = inboxCount(connection, service);
                KafkaLag.GroupLag lag = kafka.lag(service, false);
                long done = inbox != null ? inbox : (lag == null ? 0 : expected - lag.records());
                if (done > 0 && first == null) {
                    first = CpuMark.take(suite, service);
                    firstAt = System.nanoTime();
                }
                processed = done;
                if (done >= expected || (inbox == null && lag != null && lag.records() == 0)) {
                    complete = true;
                    break;
                }
                sleep(POLL_MILLIS);
            }
            lastAt = System.nanoTime();
            CpuMark last = CpuMark.take(suite, service);
            double[] span = inboxSpan(connection, service);
            boolean byInbox = span != null && span[0] >= 2;
            double seconds = byInbox ? span[1] : (lastAt - Math.max(firstAt, launching)) / 1e9;
            long events = byInbox ? (long) span[0] : processed;
            String how = byInbox ? "first to last " + APPLIED.getOrDefault(service, INBOX).what()
                    : "first progress to lag 0 by committed offsets (polled every 100 ms)";
            Double serviceCpu = first == null ? null : first.serviceMsPer(last, events);
            Double postgresCpu = first == null ? null : first.postgresMsPer(last, events);
            return new Drain(service + " consumer", service, expected, events, seconds,
                    seconds > 0 ? events / seconds : 0, complete, how, serviceCpu, postgresCpu);
        }
    }

    /** Waits until the service's outbox has no unsent row (at most {@code timeout}); returns the rows still unsent. */
    static long awaitOutboxEmpty(LocalSuite suite, String service, Duration timeout) throws SQLException {
        try (Connection connection = FlowLags.connect(suite, service)) {
            connection.setAutoCommit(true);
            long deadline = System.nanoTime() + timeout.toNanos();
            long unsent;
            while ((unsent = unsent(connection)) > 0 && System.nanoTime() < deadline) {
                sleep(250);
            }
            return unsent;
        }
    }

    private static long unsent(Connection connection) throws SQLException {
        boolean auto = connection.getAutoCommit();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM outbox_message")) {
            rows.next();
            return rows.getLong(1);
        } finally {
            if (!auto) {
                connection.commit();
            }
        }
    }

    /** Where a consumer's applied events show, with the time each was applied. */
    private record Applied(String table, String time, String what) {
    }

    // audit-service and case-service keep no inbox rows (their effects are unique per event): their own tables say
    // what they applied and when.
    private static final Applied INBOX = new Applied("inbox_processed_event", "processed_at",
            "processed_at in its inbox (inbox_processed_event)");
    private static final Map<String, Applied> APPLIED = Map.of(
            "case-service", new Applied("service_case", "opened_at", "opened_at of its cases (service_case)"),
            "audit-service", new Applied("audit_entry", "recorded_at", "recorded_at of its audit entries (audit_entry)"));

    private static Long inboxCount(Connection connection, String service) {
        Applied applied = APPLIED.getOrDefault(service, INBOX);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + applied.table())) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return null;
        }
    }

    /** {count, seconds from the first to the last applied event}, or null when nothing was applied. */
    private static double[] inboxSpan(Connection connection, String service) {
        Applied applied = APPLIED.getOrDefault(service, INBOX);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), min(" + applied.time() + "), max("
                        + applied.time() + ") FROM " + applied.table())) {
            rows.next();
            long count = rows.getLong(1);
            if (count == 0) {
                return null;
            }
            OffsetDateTime first = rows.getObject(2, OffsetDateTime.class);
            OffsetDateTime last = rows.getObject(3, OffsetDateTime.class);
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            return seconds > 0 ? new double[] {count, seconds} : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** CPU time of a service and of PostgreSQL at one moment. */
    private record CpuMark(double serviceMs, double postgresMs) {

        static CpuMark take(LocalSuite suite, String service) {
            OptionalLong pid = suite.pid(service);
            OptionalLong postgres = suite.postgresPid();
            return new CpuMark(pid.isPresent() ? ProcStats.process(pid.getAsLong()).cpuMs() : 0,
                    postgres.isPresent() ? ProcStats.tree(postgres.getAsLong()).cpuMs() : 0);
        }

        Double serviceMsPer(CpuMark later, long events) {
            return events > 0 ? (later.serviceMs - serviceMs) / events : null;
        }

        Double postgresMsPer(CpuMark later, long events) {
            return events > 0 ? (later.postgresMs - postgresMs) / events : null;
        }
    }
}
