package dev.resolve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.audit.persistence.AuditEntryRepository;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventSchemas;
import dev.resolve.contracts.security.Roles;
import dev.resolve.embedded.LocalIdentityProvider;
import dev.resolve.launcher.LocalSuite;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The audit phase's parts: a backlog of the suite's events produced straight onto Kafka (audit-service's append rate is
 * then measured by {@link Drains#consumer}), a chain brought to a given length by writing valid entries straight into
 * {@code audit_entry}, and the API calls that walk the whole chain (sign a checkpoint, verify, export), each timed with
 * audit-service's CPU and memory.
 */
final class AuditBench {

    /** The service this phase measures. */
    static final String SERVICE = "audit-service";

    /** Events produced onto Kafka for audit-service to append: how many, how long producing took, payload size. */
    record Backlog(long events, double seconds, double eventsPerSecond, double averagePayloadBytes) {
    }

    /**
     * Entries written into {@code audit_entry} with COPY, continuing the chain audit-service had appended: the
     * chain's length before and after, the time and rate of the COPY (its commit included), the average size of the
     * hashed content, the time of the {@code VACUUM (ANALYZE)} after it, and the table's size with its indexes.
     */
    record ChainFill(long entriesBefore, long written, long entriesAfter, double seconds, double entriesPerSecond,
            double averageContentBytes, double vacuumSeconds, double tableMb) {
    }

    /**
     * One API call that walks the whole chain: HTTP status, whether it did what it should ({@code ok}; for verify:
     * valid and every entry checked), the entries it covered, wall time, bytes of the response body (export), CPU of
     * audit-service and of PostgreSQL during the call, and audit-service's resident memory and Java heap in use (MB)
     * just before, at most during (sampled every 100 ms, the heap every 500 ms) and just after the call; when it
     * started (UTC, to find it in a profile or a log).
     */
    record Walk(String what, String startedAt, int status, boolean ok, String outcome, long entries, double seconds, double entriesPerSecond,
            Long bytes, Double megabytesPerSecond, Double serviceCpuMs, Double postgresCpuMs, Double rssBeforeMb,
            Double rssPeakMb, Double rssAfterMb, Double heapBeforeMb, Double heapPeakMb, Double heapAfterMb) {
    }

    static final String SIGN = "sign a checkpoint (POST /api/v1/audit/checkpoints)";
    static final String VERIFY = "verify the chain (GET /api/v1/audit/verify)";
    static final String VERIFY_AGAIN = "verify the chain again";
    static final String EXPORT = "export the chain (GET /api/v1/audit/export, NDJSON)";

    private static final String COPY = """
            COPY audit_entry (sequence, event_id, event_type, aggregate_type, aggregate_id, correlation_id, causation_id,
                              actor, actor_roles, producer, occurred_at, recorded_at, content, previous_hash, hash,
                              case_id, request_id, customer_reference) FROM STDIN""";
    private static final int COPY_CHUNK_CHARS = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditBench() {
    }

    // ------------------------------------------------------------------------------------------------------ backlog

    /**
     * Produces {@code events} events onto Kafka, as the suite does: for each request its RequestLogged on
     * {@code intake.requests} and its CaseOpened on {@code cases.events}, CloudEvents in binary mode (the services'
     * codec), keyed by aggregate id. The first pair is checked against the event schemas first.
     */
    static Backlog produce(String bootstrapServers, long events, Consumer<String> progress) {
        AuditEvents.Pair sample = AuditEvents.pair(0, Instant.now());
        for (EventEnvelope envelope : sample.inOrder()) {
            List<String> violations = EventSchemas.validate(AuditEvents.typeName(envelope), envelope.payload());
            if (!violations.isEmpty()) {
                throw new IllegalStateException("The benchmark's " + envelope.type() + " is not valid: " + violations);
            }
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "resolve-bench-audit-backlog");
        long bytes = 0;
        long produced = 0;
        long begin = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long n = 1; produced < events; n++) {
                for (EventEnvelope envelope : AuditEvents.pair(n, Instant.now()).inOrder()) {
                    if (produced == events) {
                        break;
                    }
                    ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(AuditEvents.topic(envelope), envelope);
                    bytes += record.value().length;
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    produced++;
                }
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The audit backlog could not be produced", failure.get());
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        progress.accept(String.format(Locale.ROOT, "  produced %,d events (RequestLogged and CaseOpened, %,.0f bytes of"
                + " payload on average) in %.1f s", produced, (double) bytes / produced, seconds));
        return new Backlog(produced, SampleMath.round(seconds, 2), SampleMath.round(produced / seconds, 0),
                SampleMath.round((double) bytes / produced, 0));
    }

    // --------------------------------------------------------------------------------------------------- chain fill

    /**
     * Brings the chain to {@code length} entries by writing the missing ones straight into {@code audit_entry} as its
     * owner, in one COPY and one transaction that holds audit-service's own append lock (so the service cannot append
     * meanwhile): each continues the chain from its last entry, made by audit-service's own
     * {@link ChainEntry#of} (content, hash and the searched columns) from events like the suite's. Then
     * {@code VACUUM (ANALYZE)}, as the table would be in service (statistics, visibility map, hint bits set).
     */
    static ChainFill fill(LocalSuite suite, long length, Consumer<String> progress) throws SQLException, IOException {
        try (Connection connection = FlowLags.connect(suite, SERVICE)) {
            long begin = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + AuditEntryRepository.APPEND_LOCK + ")");
            }
            long sequence = 0;
            String previousHash = ChainHash.GENESIS;
            try (Statement statement = connection.createStatement();
                    ResultSet head = statement.executeQuery("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")) {
                if (head.next()) {
                    sequence = head.getLong(1);
                    previousHash = head.getString(2);
                }
            }
            long before = sequence;
            long missing = length - before;
            if (missing <= 0) {
                connection.rollback();
                progress.accept(String.format(Locale.ROOT, "  the chain has %,d entries already", before));
                return new ChainFill(before, 0, before, 0, 0, 0, 0, tableMb(connection));
            }
            progress.accept(String.format(Locale.ROOT, "  writing %,d entries after sequence %,d with COPY (one transaction)",
                    missing, before));
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            long contentChars = 0;
            StringBuilder rows = new StringBuilder(COPY_CHUNK_CHARS + 8192);
            try {
                long n = 1_000_000_000L;
                while (sequence < length) {
                    for (EventEnvelope envelope : AuditEvents.pair(n++, Instant.now()).inOrder()) {
                        if (sequence == length) {
                            break;
                        }
                        sequence++;
                        ChainEntry entry = ChainEntry.of(envelope, sequence, previousHash,
                                envelope.occurredAt().plusMillis(25));
                        previousHash = entry.hash();
                        contentChars += entry.content().length();
                        row(rows, entry);
                        if (rows.length() >= COPY_CHUNK_CHARS) {
                            write(copy, rows);
                        }
                        if ((sequence - before) % 200_000 == 0) {
                            progress.accept(String.format(Locale.ROOT, "  %,d of %,d written (%.0f s)", sequence - before,
                                    missing, (System.nanoTime() - begin) / 1e9));
                        }
                    }
                }
                write(copy, rows);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            connection.commit();
            double seconds = (System.nanoTime() - begin) / 1e9;
            long written = sequence - before;
            progress.accept(String.format(Locale.ROOT, "  %,d entries written in %.1f s (%,.0f a second); VACUUM (ANALYZE)",
                    written, seconds, written / seconds));
            long vacuuming = System.nanoTime();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE) audit_entry");
            }
            double vacuumSeconds = (System.nanoTime() - vacuuming) / 1e9;
            double tableMb = tableMb(connection);
            progress.accept(String.format(Locale.ROOT, "  vacuumed in %.1f s; audit_entry and its indexes take %,.0f MB",
                    vacuumSeconds, tableMb));
            return new ChainFill(before, written, sequence, SampleMath.round(seconds, 1),
                    SampleMath.round(written / seconds, 0), SampleMath.round((double) contentChars / written, 0),
                    SampleMath.round(vacuumSeconds, 1), SampleMath.round(tableMb, 0));
        }
    }

    private static double tableMb(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_total_relation_size('audit_entry')")) {
            rows.next();
            return rows.getLong(1) / (1024.0 * 1024.0);
        }
    }

    /** One row of COPY's text format. */
    private static void row(StringBuilder rows, ChainEntry e) {
        field(rows, Long.toString(e.sequence())).append('\t');
        field(rows, e.eventId().toString()).append('\t');
        field(rows, e.eventType()).append('\t');
        field(rows, e.aggregateType()).append('\t');
        field(rows, e.aggregateId()).append('\t');
        field(rows, e.correlationId()).append('\t');
        field(rows, e.causationId()).append('\t');
        field(rows, e.actor()).append('\t');
        field(rows, e.actorRoles().isEmpty() ? null : String.join(",", e.actorRoles())).append('\t');
        field(rows, e.producer()).append('\t');
        field(rows, e.occurredAt().toString()).append('\t');
        field(rows, e.recordedAt().toString()).append('\t');
        field(rows, e.content()).append('\t');
        field(rows, e.previousHash()).append('\t');
        field(rows, e.hash()).append('\t');
        field(rows, e.caseId()).append('\t');
        field(rows, e.requestId()).append('\t');
        field(rows, e.customerReference()).append('\n');
    }

    private static StringBuilder field(StringBuilder rows, String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    // -------------------------------------------------------------------------------------------------------- walks

    /** Calls audit-service's API as an auditor, timing each call with the service's CPU and memory. */
    static final class Api {

        private final LocalSuite suite;
        private final URI base;
        private final String auditor;
        private final String controller;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final Duration timeout;

        Api(LocalSuite suite, Duration timeout) {
            this.suite = suite;
            this.base = suite.serviceUrl(SERVICE);
            // An auditor verifies and exports; signing on demand is a controller's (see the contract's x-roles).
            this.auditor = suite.token(new LocalIdentityProvider.Caller("bench-auditor", "Benchmark auditor",
                    List.of(Roles.AUDITOR), null, null), Duration.ofHours(6));
            this.controller = suite.token(new LocalIdentityProvider.Caller("bench-controller", "Benchmark controller",
                    List.of(Roles.CONTROLLER), null, null), Duration.ofHours(6));
            this.timeout = timeout;
        }

        /** POST /api/v1/audit/checkpoints: signs the head (walking the chain from the last checkpoint, or all of it). */
        Walk sign(long length) {
            return walk(SIGN, controller, "POST", "/api/v1/audit/checkpoints", "application/json", body -> {
                JsonNode checkpoint = JSON.readTree(body.readAllBytes());
                long sequence = checkpoint.path("sequence").asLong();
                return new Outcome(sequence == length, sequence, null,
                        String.format(Locale.ROOT, "checkpoint at sequence %,d", sequence));
            });
        }

        /** GET /api/v1/audit/verify: the whole chain against the latest checkpoint. */
        Walk verify(String what, long length) {
            return walk(what, auditor, "GET", "/api/v1/audit/verify", "application/json", body -> {
                JsonNode verdict = JSON.readTree(body.readAllBytes());
                boolean valid = verdict.path("valid").asBoolean(false);
                long checked = verdict.path("entriesChecked").asLong();
                String source = verdict.path("checkpointSource").asText();
                long checkpoint = verdict.path("checkpoint").path("sequence").asLong();
                String held = "none".equals(source) ? "no checkpoint"
                        : String.format(Locale.ROOT, "the %s checkpoint at %,d", source, checkpoint);
                String text = valid
                        ? String.format(Locale.ROOT, "valid, %,d entries checked, held against %s", checked, held)
                        : String.format(Locale.ROOT, "NOT valid at sequence %s: %s (%,d entries checked)",
                                verdict.path("firstBrokenSequence").asText(), verdict.path("reason").asText(), checked);
                return new Outcome(valid && checked >= length && checkpoint >= length, checked, null, text);
            });
        }

        /** GET /api/v1/audit/export: every entry, NDJSON, read to its end and counted. */
        Walk export(long length) {
            return walk(EXPORT, auditor, "GET", "/api/v1/audit/export", "application/x-ndjson", body -> countLines(body, length));
        }

        private record Outcome(boolean ok, long entries, Long bytes, String text) {
        }

        private interface Reading {
            Outcome read(InputStream body) throws IOException;
        }

        private Walk walk(String what, String token, String method, String path, String accept, Reading reading) {
            long pid = suite.pid(SERVICE).orElseThrow(() -> new IllegalStateException(SERVICE + " is not running"));
            OptionalLong postgres = suite.postgresPid();
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token).header("Accept", accept)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            try (MemoryWatch memory = new MemoryWatch(pid, this::heapMb)) {
                double cpuBefore = ProcStats.process(pid).cpuMs();
                double postgresBefore = postgres.isPresent() ? ProcStats.tree(postgres.getAsLong()).cpuMs() : 0;
                memory.start();
                Instant startedAt = Instant.now();
                long begin = System.nanoTime();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                Outcome outcome;
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 != 2) {
                        outcome = new Outcome(false, 0, null, "HTTP " + response.statusCode() + ": "
                                + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
                    } else {
                        outcome = reading.read(body);
                    }
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                memory.stop();
                double cpu = ProcStats.process(pid).cpuMs() - cpuBefore;
                double postgresCpu = postgres.isPresent() ? ProcStats.tree(postgres.getAsLong()).cpuMs() - postgresBefore : 0;
                Double megabytes = outcome.bytes() == null ? null : SampleMath.round(outcome.bytes() / 1e6 / seconds, 1);
                return new Walk(what, startedAt.toString(), response.statusCode(), outcome.ok(), outcome.text(), outcome.entries(),
                        SampleMath.round(seconds, 2), SampleMath.round(outcome.entries() / seconds, 0), outcome.bytes(),
                        megabytes, SampleMath.round(cpu, 0), postgres.isPresent() ? SampleMath.round(postgresCpu, 0) : null,
                        memory.rssBefore(), memory.rssPeak(), memory.rssAfter(), memory.heapBefore(), memory.heapPeak(),
                        memory.heapAfter());
            } catch (IOException e) {
                throw new IllegalStateException(what + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }

        /** The export: a first line (its checkpoint), then one line per entry. */
        private static Outcome countLines(InputStream body, long expected) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            long lines = 0;
            int read;
            while ((read = body.read(buffer)) >= 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            long entries = Math.max(0, lines - 1);
            return new Outcome(entries >= expected, entries, bytes, String.format(Locale.ROOT,
                    "%,d entries, %,.0f MB of NDJSON", entries, bytes / 1e6));
        }

        /** The Java heap audit-service uses now (MB, all heap pools, from its Prometheus metrics), or null. */
        Double heapMb() {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/metrics")).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + auditor).GET().build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return null;
                }
                double bytes = 0;
                boolean found = false;
                for (String line : response.body().split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        found = true;
                    }
                }
                return found ? SampleMath.round(bytes / (1024.0 * 1024.0), 1) : null;
            } catch (IOException | RuntimeException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Samples a process' resident memory every 100 ms, and its heap (through a callback) every 500 ms, while started. */
    private static final class MemoryWatch implements AutoCloseable {

        private final long pid;
        private final Supplier<Double> heap;
        private volatile boolean running;
        private Thread thread;
        private Double rssBefore;
        private volatile double rssPeak;
        private Double rssAfter;
        private Double heapBefore;
        private volatile Double heapPeak;
        private Double heapAfter;

        MemoryWatch(long pid, Supplier<Double> heap) {
            this.pid = pid;
            this.heap = heap;
        }

        void start() {
            rssBefore = rss();
            rssPeak = rssBefore;
            heapBefore = heap.get();
            heapPeak = heapBefore;
            running = true;
            thread = new Thread(() -> {
                int tick = 0;
                while (running) {
                    rssPeak = Math.max(rssPeak, rss());
                    if (++tick % 5 == 0) {
                        Double now = heap.get();
                        if (now != null && (heapPeak == null || now > heapPeak)) {
                            heapPeak = now;
                        }
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-audit-memory");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            rssAfter = rss();
            rssPeak = Math.max(rssPeak, rssAfter);
            heapAfter = heap.get();
            if (heapAfter != null && (heapPeak == null || heapAfter > heapPeak)) {
                heapPeak = heapAfter;
            }
        }

        private double rss() {
            return ProcStats.process(pid).rssMb();
        }

        Double rssBefore() {
            return rssBefore == null ? null : SampleMath.round(rssBefore, 0);
        }

        Double rssPeak() {
            return SampleMath.round(rssPeak, 0);
        }

        Double rssAfter() {
            return rssAfter == null ? null : SampleMath.round(rssAfter, 0);
        }

        Double heapBefore() {
            return heapBefore;
        }

        Double heapPeak() {
            return heapPeak;
        }

        Double heapAfter() {
            return heapAfter;
        }

        @Override
        public void close() {
            if (running) {
                stop();
            }
        }
    }
}
