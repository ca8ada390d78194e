package dev.resolve.bench;

import dev.resolve.launcher.Durations;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.bench.gatling.GatlingMain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Runs a Gatling simulation in its own JVM and reads its results from the HTML report's {@code js/stats.js}. */
final class GatlingRun {

    // Its own JVM: the load generator's CPU is not counted in the benchmark's, which hosts Kafka. Gatling 3.13 writes
    // simulation.log in a binary format; the report's statistics blocks are JSON.

    /** JVM options of Gatling's JVM, those its Maven plugin uses. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled",
            "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12", "--add-opens=java.base/java.lang=ALL-UNNAMED");

    /** Statistics of one request name in Gatling's results; response times in milliseconds (Gatling's resolution). */
    record RequestStats(String name, long total, long ok, long ko, Latency responseTimeMs, double meanRequestsPerSecond) {
    }

    /**
     * The outcome of a run: statistics per request name, the report directory, and when the simulation started (epoch
     * milliseconds, as seen by this JVM when Gatling said so).
     */
    record Outcome(Map<String, RequestStats> requests, Path reportDirectory, long startedAtMillis, long endedAtMillis, long pid) {

        RequestStats request(String name) {
            RequestStats stats = requests.get(name);
            if (stats == null) {
                throw new IllegalStateException("Gatling's report has no request named '" + name + "': " + requests.keySet());
            }
            return stats;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatlingRun() {
    }

    /**
     * Runs {@code simulation} with {@code properties} as system properties and waits for it (at most
     * {@code timeout}); Gatling's console goes to {@code resultsFolder/gatling.log}.
     *
     * @param onStart called with Gatling's pid once the process runs
     */
    static Outcome run(String simulation, Map<String, String> properties, Path resultsFolder, Duration timeout,
            Consumer<String> progress, Consumer<Long> onStart) {
        try {
            Files.createDirectories(resultsFolder);
            Path log = resultsFolder.resolve("gatling.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("-Djava.util.prefs.userRoot=" + resultsFolder.resolve("prefs"));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add(GatlingMain.class.getName());
            command.add("--simulation");
            command.add(simulation);
            command.add("--results-folder");
            command.add(resultsFolder.toAbsolutePath().toString());
            command.add("--run-description");
            command.add("resolve-bench");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            onStart.accept(process.pid());
            CompletableFuture<Long> started = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(process, log, started, progress), "gatling-output");
            pump.setDaemon(true);
            pump.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Gatling did not finish within " + Durations.format(timeout) + "; see " + log);
            }
            long ended = System.currentTimeMillis();
            pump.join(5_000);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Gatling failed (exit code " + process.exitValue() + "); see " + log
                        + ":\n" + tail(log));
            }
            Path report = newestReport(resultsFolder);
            long startedAt = started.getNow(ended);
            return new Outcome(readStats(report.resolve("js").resolve("stats.js")), report, startedAt, ended, process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("Gatling could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Gatling ran", e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<Long> started, Consumer<String> progress) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(line);
                if (line.startsWith("Simulation ") && line.contains(" started")) {
                    started.complete(System.currentTimeMillis());
                }
                if (line.startsWith("> Global ") || line.startsWith("> log request") || line.startsWith("> warm-up")) {
                    progress.accept("    gatling " + line.substring(2).replaceAll("\\s+", " ").trim());
                }
            }
        } catch (IOException e) {
            // The exit code and the report tell whether the run worked.
        }
    }

    private static Path newestReport(Path resultsFolder) throws IOException {
        try (Stream<Path> entries = Files.list(resultsFolder)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("js").resolve("stats.js")))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report into " + resultsFolder));
        }
    }

    /** Every {@code stats: {...}} block of stats.js (all requests, then each request name), by name. */
    static Map<String, RequestStats> readStats(Path statsJs) throws IOException {
        String text = Files.readString(statsJs, StandardCharsets.UTF_8);
        Map<String, RequestStats> stats = new LinkedHashMap<>();
        int at = 0;
        while ((at = text.indexOf("stats: {", at)) >= 0) {
            int start = text.indexOf('{', at);
            try (JsonParser parser = JSON.getFactory().createParser(text.substring(start))) {
                JsonNode node = JSON.readTree(parser);
                RequestStats request = toStats(node);
                stats.putIfAbsent(request.name(), request);
            }
            at = start + 1;
        }
        if (stats.isEmpty()) {
            throw new IllegalStateException("No statistics in " + statsJs);
        }
        return stats;
    }

    private static RequestStats toStats(JsonNode node) {
        long ok = number(node, "numberOfRequests", "ok").map(Double::longValue).orElse(0L);
        long ko = number(node, "numberOfRequests", "ko").map(Double::longValue).orElse(0L);
        Latency latency = new Latency(ok, ok,
                number(node, "percentiles1", "ok").orElse(null),
                number(node, "percentiles2", "ok").orElse(null),
                number(node, "percentiles3", "ok").orElse(null),
                number(node, "percentiles4", "ok").orElse(null),
                number(node, "maxResponseTime", "ok").orElse(null),
                number(node, "meanResponseTime", "ok").orElse(null));
        return new RequestStats(node.path("name").asText(), ok + ko, ok, ko, latency,
                number(node, "meanNumberOfRequestsPerSecond", "total").orElse(0.0));
    }

    /** A figure of stats.js; they are strings, "-" when there is none. */
    private static Optional<Double> number(JsonNode node, String figure, String outcome) {
        JsonNode value = node.path(figure).path(outcome);
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        try {
            return Optional.of(Double.parseDouble(value.asText()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
