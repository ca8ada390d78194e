package dev.resolve.bench;

import dev.resolve.launcher.Durations;
import dev.resolve.bench.gatling.RequestBodies;
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
                new Results.Settings(500, 180, 30, 100_000, 16, 30, 16, 60, List.of("-Xmx192m"), List.of(), "work"),
                null, null, null, null, Targets.evaluate(BenchOptions.defaults(), null, null, null, null), List.of());

        String rewritten = Report.markdown(results, Report.notes(existing), "performance/latest.json");
        Files.writeString(directory.resolve("PERFORMANCE.md"), rewritten);

        assertThat(rewritten).contains("The relay was changed in abc123.").doesNotContain("# old");
        assertThat(Report.notes(rewritten)).isEqualTo("The relay was changed in abc123.");
        assertThat(rewritten).contains("| intake-service alone vs pgbench (same run) |").contains("not run");
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
