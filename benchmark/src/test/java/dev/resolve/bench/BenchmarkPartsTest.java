package dev.resolve.bench;

import dev.resolve.launcher.Durations;
import dev.resolve.audit.domain.ChainEntry;
import dev.resolve.audit.domain.ChainHash;
import dev.resolve.bench.gatling.RequestBodies;
import dev.resolve.contracts.events.CloudEventCodec;
import dev.resolve.contracts.events.EventEnvelope;
import dev.resolve.contracts.events.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark's parts that need no running suite: options, percentiles, Gatling's results, the report's notes. */
class BenchmarkPartsTest {

    @Test
    void shouldParseTheCommandLine() {
        BenchOptions options = BenchOptions.parse("--rate", "30", "--duration", "20s", "--warmup=5s", "--backlog", "5,000",
                "--phases", "suite,drain", "--jvm-options", "-Xmx256m  -XX:+UseSerialGC", "--keep-data");

        assertThat(options.rate()).isEqualTo(30);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.backlog()).isEqualTo(5_000);
        assertThat(options.phases()).containsExactly(BenchOptions.Phase.SUITE, BenchOptions.Phase.DRAIN);
        assertThat(options.jvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(options.keepData()).isTrue();
        assertThat(BenchOptions.parse().jvmOptions()).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(Durations.parse("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> BenchOptions.parse("--phases", "pgbench,lunch")).hasMessageContaining("lunch");
        assertThatThrownBy(() -> BenchOptions.parse("--rate", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("--fast");
        assertThat(BenchOptions.parse().phases()).contains(BenchOptions.Phase.AUDIT);
        assertThat(BenchOptions.parse().auditChain()).isEqualTo(1_000_000);
        BenchOptions audit = BenchOptions.parse("--phases", "audit", "--audit-chain", "50,000");
        assertThat(audit.phases()).containsExactly(BenchOptions.Phase.AUDIT);
        assertThat(audit.auditChain()).isEqualTo(50_000);
    }

    @Test
    void shouldMakeTheSuitesEventsValidAndChainThemAsAuditServiceWould() {
        AuditEvents.Pair pair = AuditEvents.pair(5, java.time.Instant.parse("2026-12-01T10:00:00.123456789Z"));

        for (EventEnvelope envelope : pair.inOrder()) {
            assertThat(EventSchemas.validate(AuditEvents.typeName(envelope), envelope.payload())).isEmpty();
        }
        assertThat(AuditEvents.topic(pair.requestLogged())).isEqualTo("intake.requests");
        assertThat(AuditEvents.topic(pair.caseOpened())).isEqualTo("cases.events");
        assertThat(pair.caseOpened().causationId()).isEqualTo(pair.requestLogged().eventId().toString());
        assertThat(pair.caseOpened().correlationId()).isEqualTo(pair.requestLogged().correlationId());

        // What travels on Kafka is what the benchmark chains: the consumer's envelope gives the same entry.
        EventEnvelope sent = pair.requestLogged();
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(AuditEvents.topic(sent), sent);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), 0, 0, record.key(), record.value());
        record.headers().forEach(header -> consumed.headers().add(header));
        java.time.Instant recordedAt = java.time.Instant.parse("2026-12-01T10:00:01Z");
        ChainEntry viaKafka = ChainEntry.of(CloudEventCodec.fromRecord(consumed), 7, ChainHash.GENESIS, recordedAt);
        ChainEntry direct = ChainEntry.of(sent, 7, ChainHash.GENESIS, recordedAt);
        assertThat(viaKafka.content()).isEqualTo(direct.content());
        assertThat(viaKafka.hash()).isEqualTo(direct.hash());
        assertThat(direct.requestId()).isEqualTo(sent.aggregateId());
        assertThat(direct.customerReference()).isEqualTo("AUDIT-5");
        ChainEntry caseEntry = ChainEntry.of(pair.caseOpened(), 8, direct.hash(), recordedAt);
        assertThat(caseEntry.previousHash()).isEqualTo(direct.hash());
        assertThat(caseEntry.caseId()).isEqualTo(pair.caseOpened().aggregateId());
        assertThat(caseEntry.requestId()).isEqualTo(sent.aggregateId());
        // Payload sizes of the suite's events (RequestLogged with the customer snapshot, CaseOpened).
        assertThat(direct.content().length()).isBetween(900, 1_600);
        assertThat(caseEntry.content().length()).isBetween(500, 1_000);
    }

    @Test
    void shouldCountWhatNeverArrivedAsNotReached() {
        double[] values = new double[98];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }

        Latency twoMissing = Latency.of(values, 2);
        Latency complete = Latency.of(new double[] {5, 1, 3, 2, 4}, 0);

        assertThat(twoMissing.count()).isEqualTo(100);
        assertThat(twoMissing.p50()).isEqualTo(50.0);
        assertThat(twoMissing.p95()).isEqualTo(95.0);
        assertThat(twoMissing.p99()).as("the 99th of 100 never arrived").isNull();
        assertThat(twoMissing.max()).isNull();
        assertThat(complete.p50()).isEqualTo(3.0);
        assertThat(complete.max()).isEqualTo(5.0);
        assertThat(complete.mean()).isEqualTo(3.0);
    }

    @Test
    void shouldReadGatlingsStatisticsPerRequestName() throws Exception {
        Path stats = Path.of(Objects.requireNonNull(getClass().getResource("/gatling-stats.js")).toURI());

        Map<String, GatlingRun.RequestStats> requests = GatlingRun.readStats(stats);

        assertThat(requests).containsKeys("All Requests", "warm-up", "log request");
        GatlingRun.RequestStats measured = requests.get("log request");
        assertThat(measured.ok()).isEqualTo(100);
        assertThat(measured.ko()).isZero();
        assertThat(measured.responseTimeMs().p99()).isEqualTo(29.0);
        assertThat(measured.responseTimeMs().max()).isEqualTo(29.0);
        assertThat(requests.get("warm-up").total()).isEqualTo(33);
    }

    @Test
    void shouldKeepTheHandWrittenNotesWhenTheReportIsRewritten(@TempDir Path directory) throws Exception {
        String existing = "# old\n\n" + Report.NOTES_START + "\nThe relay was changed in abc123.\n" + Report.NOTES_END + "\n";
        Results results = new Results("2026-01-01T00:00:00Z", "./resolve-bench", 1, new Results.Machine(2, "cpu", 1024, "Linux",
                "Java", "PostgreSQL 17", "Kafka", "Gatling", "pgbench"),
                new Results.Settings(500, 180, 30, 100_000, 16, 30, 16, 60, 100_000, 1_000_000, List.of("-Xmx192m"), List.of(),
                "work"), Map.of(), null, null, null, null, null, Targets.evaluate(BenchOptions.defaults(), null, null, null, null, null),
                List.of());

        String rewritten = Report.markdown(results, Report.notes(existing), "performance/latest.json");
        Files.writeString(directory.resolve("PERFORMANCE.md"), rewritten);

        assertThat(rewritten).contains("The relay was changed in abc123.").doesNotContain("# old");
        assertThat(Report.notes(rewritten)).isEqualTo("The relay was changed in abc123.");
        assertThat(rewritten).contains("| intake-service alone vs pgbench (same run) |").contains("not run");
    }

    @Test
    void shouldReportTheAuditPhaseAgainstItsTargets() {
        AuditBench.Walk verify = new AuditBench.Walk(AuditBench.VERIFY, "2026-01-01T00:00:00Z", 200, true, "valid, 1,000,000 entries checked",
                1_000_000, 8.5, 117_647, null, null, 7_900.0, 4_100.0, 180.0, 210.0, 200.0, 30.0, 90.0, 40.0);
        Results.AuditPhase audit = new Results.AuditPhase(new AuditBench.Backlog(100_000, 3.2, 31_250, 640),
                new Drains.Drain("audit-service consumer", "audit-service", 100_000, 100_000, 12.5, 8_000, true,
                        "first to last recorded_at", 0.12, 0.06),
                new AuditBench.ChainFill(100_000, 900_000, 1_000_000, 95, 9_474, 1_020, 20, 2_400),
                List.of(verify, new AuditBench.Walk(AuditBench.EXPORT, "2026-01-01T00:01:00Z", 200, true, "1,000,000 entries", 1_000_000, 20,
                        50_000, 1_600_000_000L, 80.0, 12_000.0, 5_000.0, 200.0, 220.0, 210.0, null, null, null)));

        List<Results.Target> targets = Targets.evaluate(BenchOptions.defaults(), null, null, null, null, audit);
        Results results = new Results("2026-01-01T00:00:00Z", "./resolve-bench --phases audit", 1,
                new Results.Machine(2, "cpu", 1024, "Linux", "Java", "PostgreSQL 17", "Kafka", "Gatling", "pgbench"),
                new Results.Settings(500, 180, 30, 100_000, 16, 30, 16, 60, 100_000, 1_000_000, List.of("-Xmx192m"),
                        List.of("audit"), "work"), Map.of(), null, null, null, null, audit, targets, List.of());
        String markdown = Report.markdown(results, null, "performance/latest.json");

        assertThat(targets).filteredOn(t -> t.target().startsWith("audit-service appends")).singleElement()
                .satisfies(t -> assertThat(t.result()).isEqualTo(Targets.PASS))
                .satisfies(t -> assertThat(t.goal()).contains("1,000 events/s"));
        assertThat(targets).filteredOn(t -> t.target().startsWith("verify a 1,000,000-entry")).singleElement()
                .satisfies(t -> assertThat(t.result()).isEqualTo(Targets.PASS));
        assertThat(targets).filteredOn(t -> t.target().startsWith("memory while walking")).singleElement()
                .satisfies(t -> assertThat(t.measured()).contains("RSS 180 MB before the first walk, at most 220 MB"))
                .satisfies(t -> assertThat(t.result()).isEqualTo(Targets.FAIL));
        assertThat(markdown).contains("## audit-service: appending to the chain, and walking a long one")
                .contains("**8,000 events/s**").contains("| 180 / 210 / 200 |").contains("5. **audit**");
        assertThat(Report.summary(results)).contains("verify a 1,000,000-entry audit chain");
    }

    @Test
    void shouldKeepTheFiguresOfThePhasesNotRunFromAnEarlierRunsJson(@TempDir Path directory) throws Exception {
        Results.DrainPhase drain = new Results.DrainPhase(50_000, List.of(new Drains.Drain("outbox relay", "intake-service",
                50_000, 50_000, 4.0, 12_500, true, "from the commit", 0.05, 0.06)), null);
        Results.Settings settings = new Results.Settings(500, 180, 180, 50_000, 16, 30, 16, 60, 0, 0,
                BenchOptions.PRODUCTION_JVM_OPTIONS, List.of("drain"), "work");
        Results old = new Results("2026-11-30T21:09:55Z", "./resolve-bench --backlog 50000", 600,
                new Results.Machine(2, "cpu", 1024, "Linux", "Java", "PostgreSQL 17.6", "Kafka", "Gatling", "pgbench 15"),
                settings, null, null, null, null, drain, null, List.of(), List.of());
        // As a run before the audit phase wrote it: no phaseRuns, no audit, no audit settings.
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode json = mapper.valueToTree(old);
        json.remove(List.of("phaseRuns", "audit"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("settings")).remove(List.of("auditBacklog", "auditChain"));
        Path file = directory.resolve("latest.json");
        mapper.writeValue(file.toFile(), json);

        Results read = Results.read(file);
        BenchOptions options = BenchOptions.parse("--phases", "audit", "--keep-other-phases")
                .withEarlierSettings(read.settings(), java.util.EnumSet.of(BenchOptions.Phase.DRAIN));

        assertThat(read.drain()).isEqualTo(drain);
        assertThat(read.measured(BenchOptions.Phase.DRAIN)).isTrue();
        assertThat(read.measured(BenchOptions.Phase.AUDIT)).isFalse();
        assertThat(read.runOf(BenchOptions.Phase.DRAIN)).isEqualTo(new Results.PhaseRun("2026-11-30T21:09:55Z",
                "./resolve-bench --backlog 50000"));
        assertThat(options.backlog()).isEqualTo(50_000);
        assertThat(options.auditBacklog()).isEqualTo(100_000);
        assertThat(options.phases()).containsExactly(BenchOptions.Phase.DRAIN, BenchOptions.Phase.AUDIT);

        Results merged = new Results("2026-12-01T08:00:00Z", "./resolve-bench --phases audit --keep-other-phases", 300,
                read.machine(), read.settings(), Map.of("audit", new Results.PhaseRun("2026-12-01T08:00:00Z",
                        "./resolve-bench --phases audit --keep-other-phases"), "drain", read.runOf(BenchOptions.Phase.DRAIN)),
                null, null, null, read.drain(), null, Targets.evaluate(options, null, null, null, read.drain(), null), List.of());
        assertThat(Report.markdown(merged, null, "performance/latest.json")).contains("This run measured the audit phase;"
                + " the other figures were kept (`--keep-other-phases`) from earlier runs: drain from the run of"
                + " 2026-11-30T21:09:55Z (`./resolve-bench --backlog 50000`).");
    }

    @Test
    void shouldMakeUniqueValidRequestBodies() {
        String first = RequestBodies.body(RequestBodies.MEASURED, 1);
        String eighth = RequestBodies.body(RequestBodies.MEASURED, 7);

        assertThat(first).contains("\"customerReference\":\"LOAD-1\"").contains("\"channel\":\"EMAIL\"")
                .contains("\"type\":\"REFUND\"").containsPattern("\"amount\":\"[0-9]+\\.[0-9]{2}\"");
        assertThat(eighth).contains("\"type\":\"GENERAL_INQUIRY\"").doesNotContain("disputedAmount");
        assertThat(first).doesNotContain("invoiceNumber");
        assertThat(RequestBodies.body(RequestBodies.MEASURED, 2)).isNotEqualTo(first);
    }
}
