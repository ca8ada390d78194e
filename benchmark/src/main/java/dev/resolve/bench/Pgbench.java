package dev.resolve.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** pgbench running intake-service's own SQL for one request, on copies of its tables in its database. */
final class Pgbench {

    // The copies (CREATE TABLE ... (LIKE ... INCLUDING ALL)) have the columns, defaults, constraints and indexes the
    // tables have today. Per transaction: BEGIN; nextval of the request-number sequence; SELECT the customer by its
    // reference (from the customers ReferenceSeed wrote); INSERT one service_request row; INSERT one outbox_message row
    // with a RequestLogged payload of the size intake writes (with the customer snapshot); COMMIT. (Intake takes
    // request numbers 50 at a time, so pgbench's nextval per request is a little more than intake asks of PostgreSQL.)
    // Its throughput is what PostgreSQL on this machine allows intake at best.

    /** The outcome: transactions per second and their latency as pgbench measured it (per-transaction log). */
    record Result(int clients, int threads, double seconds, long transactions, long failed, double tps, Latency latencyMs,
            String command, String script) {
    }

    static final String SCRIPT = """
            -- One intake request: the statements intake-service's POST /api/v1/requests runs, in its transaction. The
            -- ids and timestamp that intake makes in Java come from the select list of the first query, the payload
            -- text (some 550 bytes, as intake writes) is built by the server.
            \\set channel random(1, 3)
            \\set type random(1, 8)
            \\set cents random(100, 99999)
            BEGIN;
            SELECT nextval('bench_service_request_number_seq') AS num, gen_random_uuid() AS id, gen_random_uuid() AS event_id,
                   gen_random_uuid() AS correlation_id, clock_timestamp() AS logged_at,
                   (ARRAY['PORTAL','EMAIL','SERVICE_DESK'])[:channel::int] AS channel_name,
                   (ARRAY['BILLING_DISPUTE','REFUND','CREDIT','WRITE_OFF','INVOICE_CORRECTION','PAYMENT_QUERY','SERVICE_ISSUE','GENERAL_INQUIRY'])[:type::int] AS type_name,
                   (:cents::int / 100.0)::numeric(19, 2) AS amount \\gset
            SELECT reference, name, segment, tier, kyc_status, kyc_verified_on, kyc_expires_on, credit_limit, dscr
              FROM customer WHERE reference = 'LOAD-' || (:num % 10000)::text;
            INSERT INTO bench_service_request (channel, correlation_id, customer_reference, description, disputed_amount,
                   disputed_currency, invoice_number, logged_at, logged_by, number, status, subject, type, id)
                   VALUES (:channel_name, :correlation_id, 'CUST-' || :num::text, 'The invoice INV-2026-' || :num::text || ' was issued after the price change but still charges the old monthly fee; please correct it and credit the difference on the next invoice.',
                   :amount::numeric, 'EUR', 'INV-2026-' || :num::text, :logged_at::timestamptz, 'anonymous', 'SR-' || lpad(:num::text, 6, '0'), 'LOGGED',
                   'Invoice INV-2026-' || :num::text || ' charges the old price', :type_name, :id::uuid);
            INSERT INTO bench_outbox_message (actor, aggregate_id, aggregate_type, attempts, causation_id, correlation_id,
                   event_id, event_type, last_error, occurred_at, payload, producer, schema_version, topic)
                   VALUES ('anonymous', :id::text, 'ServiceRequest', 0, NULL, :correlation_id::text, :event_id::uuid, 'RequestLogged', NULL,
                   :logged_at::timestamptz, json_build_object('requestId', :id::text, 'requestNumber', 'SR-' || lpad(:num::text, 6, '0'),
                       'channel', :channel_name::text, 'type', :type_name::text, 'customerReference', 'CUST-' || :num::text,
                       'subject', 'Invoice INV-2026-' || :num::text || ' charges the old price',
                       'description', 'The invoice INV-2026-' || :num::text || ' was issued after the price change but still charges the old monthly fee; please correct it and credit the difference on the next invoice.',
                       'disputedAmount', json_build_object('amount', :amount::text, 'currency', 'EUR'),
                       'invoiceNumber', 'INV-2026-' || :num::text, 'financial', false, 'loggedAt', :logged_at::text,
                       'kycHold', false, 'customer', json_build_object('reference', 'LOAD-' || (:num % 10000)::text,
                           'name', 'Load customer LOAD ' || (:num % 10000)::text, 'segment', 'MID_MARKET', 'tier', 'GOLD',
                           'kycStatus', 'VERIFIED',
                           'creditLimit', json_build_object('amount', '50000.00', 'currency', 'EUR'), 'dscr', '1.5',
                           'averageDaysBeyondTerms', 3, 'latePaymentsLast12Months', 1))::text::jsonb,
                   'intake-service', 1, 'intake.requests');
            COMMIT;
            """;

    private static final List<String> SETUP = List.of(
            "DROP TABLE IF EXISTS bench_outbox_message",
            "DROP TABLE IF EXISTS bench_service_request",
            "DROP SEQUENCE IF EXISTS bench_service_request_number_seq",
            "CREATE SEQUENCE bench_service_request_number_seq",
            "CREATE TABLE bench_service_request (LIKE service_request INCLUDING ALL)",
            "CREATE TABLE bench_outbox_message (LIKE outbox_message INCLUDING ALL)");
    private static final List<String> TEARDOWN = List.of(
            "DROP TABLE IF EXISTS bench_outbox_message",
            "DROP TABLE IF EXISTS bench_service_request",
            "DROP SEQUENCE IF EXISTS bench_service_request_number_seq");

    private Pgbench() {
    }

    /**
     * Creates the table copies in {@code database}, runs pgbench with {@code clients} clients and 2 threads for
     * {@code duration} (prepared statements), and drops the copies again.
     */
    static Result run(String pgbench, String jdbcUrl, int port, String database, int clients, Duration duration,
            Path workDirectory, Consumer<String> progress) {
        try {
            Files.createDirectories(workDirectory);
            Path script = workDirectory.resolve("intake-request.sql");
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            execute(jdbcUrl, database, SETUP);
            try {
                int threads = Math.min(2, clients);
                List<String> command = List.of(pgbench, "-h", "localhost", "-p", Integer.toString(port), "-U", database,
                        "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", Integer.toString(threads),
                        "-T", Long.toString(Math.max(1, duration.toSeconds())), "-P", "10",
                        "-l", "--log-prefix=" + workDirectory.resolve("pgbench").toAbsolutePath(),
                        "-f", script.toAbsolutePath().toString(), database);
                progress.accept("  " + String.join(" ", command));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(workDirectory.resolve("pgbench.out").toFile());
                Map<String, String> environment = builder.environment();
                environment.put("PGPASSWORD", database);
                Process process = builder.start();
                if (!process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("pgbench did not finish; see " + workDirectory.resolve("pgbench.out"));
                }
                String output = Files.readString(workDirectory.resolve("pgbench.out"), StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("pgbench failed (exit code " + process.exitValue() + "):\n" + output);
                }
                double tps = number(output, "tps = ([0-9.]+) \\(without initial connection time\\)");
                long transactions = (long) number(output, "number of transactions actually processed: ([0-9]+)");
                long failed = output.contains("number of failed transactions:")
                        ? (long) number(output, "number of failed transactions: ([0-9]+)") : 0;
                Latency latency = transactionLatencies(workDirectory);
                return new Result(clients, threads, duration.toSeconds(), transactions, failed, tps, latency,
                        String.join(" ", command.subList(0, command.size())), SCRIPT);
            } finally {
                execute(jdbcUrl, database, TEARDOWN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pgbench could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pgbench ran", e);
        }
    }

    /** Latencies of every transaction from pgbench's per-transaction logs (field 3 is the latency in microseconds). */
    private static Latency transactionLatencies(Path directory) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(directory)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("pgbench.") && !f.toString().endsWith(".out"))
                    .toList();
        }
        List<double[]> chunks = new ArrayList<>();
        int total = 0;
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            double[] values = new double[lines.size()];
            int n = 0;
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 3) {
                    values[n++] = Long.parseLong(fields[2]) / 1000.0;
                }
            }
            double[] used = java.util.Arrays.copyOf(values, n);
            chunks.add(used);
            total += n;
            Files.delete(log);
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return Latency.of(all, 0);
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench's output has no '" + regex + "':\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void execute(String jdbcUrl, String user, List<String> statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, user);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the pgbench tables: " + e.getMessage(), e);
        }
    }
}
