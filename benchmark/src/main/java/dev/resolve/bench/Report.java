package dev.resolve.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docs/PERFORMANCE.md and the summary printed at the end, made from {@link Results}. */
final class Report {

    static final String NOTES_START = "<!-- notes -->";
    static final String NOTES_END = "<!-- /notes -->";

    private static final String DEFAULT_NOTES = """
            (Hand-written notes go here: what changed since the last run, what a figure means. ./resolve-bench keeps
            everything between the notes markers when it rewrites this file.)""";

    private static final int BUCKET_SECONDS = 15;

    private Report() {
    }

    /** The hand-written notes of an existing report (between the markers), or null. */
    static String notes(String existing) {
        int start = existing.indexOf(NOTES_START);
        int end = existing.indexOf(NOTES_END);
        if (start < 0 || end < start) {
            return null;
        }
        return existing.substring(start + NOTES_START.length(), end).strip();
    }

    /** The report; {@code jsonPath} is the JSON file relative to the report's folder, for the link. */
    static String markdown(Results r, String notes, String jsonPath) {
        StringBuilder md = new StringBuilder();
        md.append("# Resolve performance\n\n");
        md.append("<!-- Written by ./resolve-bench; each run rewrites everything here except the notes section. -->\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s with `%s` (%.1f minutes). Every figure, with per-second series,"
                + " is in [%s](%s).%n%n", r.generatedAt(), r.commandLine(), r.runSeconds() / 60,
                jsonPath.substring(jsonPath.lastIndexOf('/') + 1), jsonPath));
        keptFigures(md, r);
        if (!r.warnings().isEmpty()) {
            md.append("**Warnings of this run:**\n\n");
            r.warnings().forEach(w -> md.append("- ").append(escape(w)).append('\n'));
            md.append('\n');
        }

        md.append("## Results against the targets\n\n");
        md.append("| target | goal | measured | ÷ goal | ÷ pgbench | result |\n| --- | --- | --- | --: | --: | --- |\n");
        for (Results.Target t : r.targets()) {
            md.append("| ").append(escape(t.target())).append(" | ").append(escape(t.goal())).append(" | ")
                    .append(escape(t.measured())).append(" | ").append(ratio(t.vsGoal())).append(" | ")
                    .append(ratio(t.vsPgbench())).append(" | ").append(t.result().equals(Targets.PASS) ? "**PASS**"
                            : t.result().equals(Targets.FAIL) ? "**FAIL**" : t.result())
                    .append(t.note() == null ? "" : " (" + escape(t.note()) + ")").append(" |\n");
        }
        md.append('\n');
        Map<String, Long> tally = Targets.tally(r.targets());
        md.append(String.format(Locale.ROOT, "%d passed, %d failed, %d met only in a reduced run, %d not run.%n%n",
                tally.get(Targets.PASS), tally.get(Targets.FAIL), tally.get(Targets.REDUCED), tally.get(Targets.NOT_RUN)));

        if (r.suite() != null) {
            suite(md, r.suite());
        }
        if (r.intake() != null || r.pgbench() != null) {
            intake(md, r);
        }
        if (r.drain() != null) {
            drains(md, r.drain());
        }
        if (r.audit() != null) {
            audit(md, r.audit());
        }
        machine(md, r);
        method(md, r);
        howToRead(md);
        md.append("## Notes\n\n").append(NOTES_START).append('\n').append(notes == null ? DEFAULT_NOTES : notes)
                .append('\n').append(NOTES_END).append('\n');
        return md.toString();
    }

    /** Which phases' figures an earlier run measured (--keep-other-phases), by run. */
    private static void keptFigures(StringBuilder md, Results r) {
        if (r.phaseRuns() == null) {
            return;
        }
        Map<Results.PhaseRun, List<String>> byRun = new java.util.LinkedHashMap<>();
        r.phaseRuns().forEach((phase, run) -> {
            if (!run.generatedAt().equals(r.generatedAt()) || !run.commandLine().equals(r.commandLine())) {
                byRun.computeIfAbsent(run, k -> new ArrayList<>()).add(phase);
            }
        });
        if (byRun.isEmpty()) {
            return;
        }
        List<String> thisRun = r.phaseRuns().entrySet().stream()
                .filter(e -> e.getValue().generatedAt().equals(r.generatedAt()) && e.getValue().commandLine().equals(r.commandLine()))
                .map(Map.Entry::getKey).toList();
        md.append("This run measured the ").append(String.join(", ", thisRun)).append(thisRun.size() == 1 ? " phase" : " phases")
                .append("; the other figures were kept (`--keep-other-phases`) from earlier runs:");
        byRun.forEach((run, phases) -> md.append(String.format(Locale.ROOT, " %s from the run of %s (`%s`);",
                String.join(", ", phases), run.generatedAt(), run.commandLine())));
        md.setLength(md.length() - 1);
        md.append(".\n\n");
    }

    private static void suite(StringBuilder md, Results.SuitePhase s) {
        md.append(String.format(Locale.ROOT, "## The whole suite at %d requests/s%n%n", s.offeredRate()));
        md.append(String.format(Locale.ROOT, "%,d requests measured over %.0f s after the warm-up (%,d OK, %,d failed);"
                + " the event pipe %s %.0f s after the load. Gatling's report: `%s`.%n%n", s.load().total(), s.seconds(),
                s.load().ok(), s.load().ko(), s.settled() ? "had caught up" : "had NOT caught up", s.settleSeconds(),
                s.gatlingReport()));
        md.append("### Latency and lag of the measured requests and their events (ms)\n\n");
        md.append("| figure | requests or events | p50 | p95 | p99 | p99.9 | max | never reached |\n| --- | --: | --: | --: | --: | --: | --: | --: |\n");
        Latency http = s.load().responseTimeMs();
        md.append(String.format(Locale.ROOT, "| intake response time (Gatling) | %,d | %s | %s | %s | %s | %s | — |%n",
                s.load().ok(), ms(http.p50()), ms(http.p95()), ms(http.p99()), ms(http.p999()), ms(http.max())));
        for (FlowLags.FlowLag lag : s.flowLags()) {
            Latency l = lag.lagMs();
            md.append(String.format(Locale.ROOT, "| %s (%s) | %,d | %s | %s | %s | %s | %s | %,d |%n", lag.name(),
                    lag.description(), l.count(), ms(l.p50()), ms(l.p95()), ms(l.p99()), ms(l.p999()), ms(l.max()),
                    l.count() - l.reached()));
        }
        md.append('\n');

        md.append("### Consumer lag during the load (committed offsets)\n\n");
        md.append("| consumer group | max | p95 of the samples | most records behind | samples |\n| --- | --: | --: | --: | --: |\n");
        s.consumerLag().forEach((group, lag) -> md.append(String.format(Locale.ROOT, "| %s | %s ms | %s ms | %s | %d |%n",
                group, lag.maxMs() == null ? "—" : String.format(Locale.ROOT, "%,d", lag.maxMs()),
                lag.p95Ms() == null ? "—" : String.format(Locale.ROOT, "%,d", lag.p95Ms()),
                lag.maxRecords() == null ? "—" : String.format(Locale.ROOT, "%,d", lag.maxRecords()), lag.samples())));
        md.append('\n');

        md.append("### CPU and memory per process\n\n");
        md.append("| process | CPU ms per request | CPU during the load (100% = one core) | peak RSS (MB) | average RSS (MB) |\n"
                + "| --- | --: | --: | --: | --: |\n");
        for (Results.ProcessUsage p : s.processes()) {
            boolean total = p.process().equals(SampleMath.TOTAL);
            boolean sampler = p.process().equals(Sampler.SAMPLER);
            String name = total ? "**" + p.process() + "**" : sampler ? "  (" + p.process() + ")" : p.process();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f%% | %s | %s |%n", name,
                    p.cpuMsPerRequest() == null ? "—" : String.format(Locale.ROOT, "%.2f", p.cpuMsPerRequest()),
                    p.avgCpuPercent(), sampler ? "—" : String.format(Locale.ROOT, "%.0f", p.peakRssMb()),
                    sampler ? "—" : String.format(Locale.ROOT, "%.0f", p.avgRssMb())));
        }
        md.append("\nPostgreSQL's memory is the sum of its processes' proportional set sizes (shared buffers counted once);"
                + " the others are resident set sizes. \"" + Sampler.SAMPLER + "\" is the CPU of the benchmark's own"
                + " sampling threads, part of the line above it; Gatling and the sampler are left out of the total. All"
                + " processes share the machine's CPUs.\n\n");

        timeline(md, s.series());
    }

    /** The series in buckets of 15 s: the largest lag and backlog, the average CPU. */
    private static void timeline(StringBuilder md, Results.Series series) {
        if (series == null || series.t().isEmpty()) {
            return;
        }
        List<String> groups = new ArrayList<>(series.lagMs().keySet());
        List<String> emitters = new ArrayList<>(series.outboxBacklog().keySet());
        md.append("### Over time\n\n");
        md.append("Each row is " + BUCKET_SECONDS + " s (t = seconds since the measured load began): the largest consumer"
                + " lag in ms (records behind in parentheses), the largest outbox backlog in rows, and the CPU of all"
                + " processes but Gatling (100% = one core).\n\n");
        StringBuilder header = new StringBuilder("| t (s) | stage |");
        StringBuilder rule = new StringBuilder("| --: | --- |");
        for (String group : groups) {
            header.append(" lag ").append(group).append(" |");
            rule.append(" --: |");
        }
        for (String emitter : emitters) {
            header.append(" outbox ").append(emitter).append(" |");
            rule.append(" --: |");
        }
        header.append(" CPU |\n");
        rule.append(" --: |\n");
        md.append(header).append(rule);
        int n = series.t().size();
        int i = 0;
        while (i < n) {
            double bucketStart = Math.floor(series.t().get(i) / BUCKET_SECONDS) * BUCKET_SECONDS;
            int j = i;
            while (j < n && series.t().get(j) < bucketStart + BUCKET_SECONDS) {
                j++;
            }
            String stages = String.join(" → ", new java.util.LinkedHashSet<>(series.stage().subList(i, j)));
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.0f | %s |", bucketStart, stages));
            for (String group : groups) {
                Long lag = max(series.lagMs().get(group), i, j);
                Long records = max(series.lagRecords().get(group), i, j);
                row.append(' ').append(lag == null ? "—" : String.format(Locale.ROOT, "%,d", lag))
                        .append(records == null ? "" : String.format(Locale.ROOT, " (%,d)", records)).append(" |");
            }
            for (String emitter : emitters) {
                Long rows = max(series.outboxBacklog().get(emitter), i, j);
                row.append(' ').append(rows == null ? "—" : String.format(Locale.ROOT, "%,d", rows)).append(" |");
            }
            double cpu = 0;
            for (Map.Entry<String, List<Double>> process : series.cpuPercent().entrySet()) {
                if (SampleMath.counts(process.getKey())) {
                    cpu += average(process.getValue(), i, j);
                }
            }
            row.append(String.format(Locale.ROOT, " %.0f%% |%n", cpu));
            md.append(row);
            i = j;
        }
        md.append('\n');
    }

    private static void intake(StringBuilder md, Results r) {
        md.append("## intake-service alone, and pgbench with its SQL\n\n");
        md.append("| figure | throughput | p50 | p95 | p99 | max | PostgreSQL CPU ms per transaction | intake CPU ms per request |\n"
                + "| --- | --: | --: | --: | --: | --: | --: | --: |\n");
        if (r.pgbench() != null) {
            Pgbench.Result p = r.pgbench().result();
            md.append(String.format(Locale.ROOT, "| pgbench, intake's SQL, %d clients, %.0f s | %.0f tx/s | %s | %s | %s | %s | %s | — |%n",
                    p.clients(), p.seconds(), p.tps(), ms(p.latencyMs().p50()), ms(p.latencyMs().p95()),
                    ms(p.latencyMs().p99()), ms(p.latencyMs().max()), decimal(r.pgbench().postgresCpuMsPerTx())));
        }
        if (r.intake() != null) {
            Results.IntakePhase in = r.intake();
            Latency l = in.load().responseTimeMs();
            Double postgres = cpuPerRequest(in.processes(), Sampler.POSTGRES);
            Double intake = cpuPerRequest(in.processes(), "intake-service");
            md.append(String.format(Locale.ROOT, "| intake-service alone, %d users (closed model), %.0f s | %.0f req/s%s | %s | %s | %s | %s | %s | %s |%n",
                    in.connections(), in.seconds(), in.requestsPerSecond(),
                    in.ratioToPgbench() == null ? "" : String.format(Locale.ROOT, " (%.0f%% of pgbench)", in.ratioToPgbench() * 100),
                    ms(l.p50()), ms(l.p95()), ms(l.p99()), ms(l.max()), decimal(postgres), decimal(intake)));
        }
        md.append("\nBoth on the same PostgreSQL server in the same run. pgbench latencies are per transaction (from its"
                + " per-transaction log); intake's are HTTP response times measured by Gatling (whole milliseconds).\n\n");
    }

    private static void drains(StringBuilder md, Results.DrainPhase d) {
        md.append(String.format(Locale.ROOT, "## Backlog drains (%,d events)%n%n", d.backlog()));
        md.append("| drain | events | seconds | events/s | service CPU ms per event | PostgreSQL CPU ms per event | measured |\n"
                + "| --- | --: | --: | --: | --: | --: | --- |\n");
        for (Drains.Drain drain : d.drains()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d of %,d%s | %.1f | %,.0f | %s | %s | %s |%n", drain.what(),
                    drain.events(), drain.expected(), drain.complete() ? "" : " (not drained)", drain.seconds(),
                    drain.eventsPerSecond(), decimal(drain.serviceCpuMsPerEvent()), decimal(drain.postgresCpuMsPerEvent()),
                    drain.measuredBy()));
        }
        md.append('\n');
    }

    private static void audit(StringBuilder md, Results.AuditPhase a) {
        md.append("## audit-service: appending to the chain, and walking a long one\n\n");
        AuditBench.Backlog b = a.backlog();
        Drains.Drain d = a.append();
        if (b != null && d != null) {
            md.append(String.format(Locale.ROOT, "**Appending.** %,d events (the RequestLogged and CaseOpened of %,d requests,"
                    + " %,.0f bytes of payload on average) produced onto Kafka in %.1f s while audit-service was stopped;"
                    + " started, it appended %,d of them in %.1f s: **%,.0f events/s**, %s ms of its CPU and %s ms of"
                    + " PostgreSQL's per event (timed: %s). At %d requests/s the suite puts %,d events a second into the chain"
                    + " (%d per request).%n%n", b.events(), b.events() / AuditEvents.EVENTS_PER_REQUEST,
                    b.averagePayloadBytes(), b.seconds(), d.events(), d.seconds(), d.eventsPerSecond(),
                    decimal(d.serviceCpuMsPerEvent()), decimal(d.postgresCpuMsPerEvent()), d.measuredBy(),
                    Targets.SUITE_RATE, Targets.SUITE_RATE * Targets.AUDITED_EVENTS_PER_REQUEST,
                    Targets.AUDITED_EVENTS_PER_REQUEST));
        }
        AuditBench.ChainFill c = a.chain();
        if (c != null) {
            md.append(String.format(Locale.ROOT, "**The chain.** %,d entries written after audit-service's %,d with COPY in"
                    + " %.1f s (%,.0f a second), %,.0f bytes of hashed content each on average: %,d entries, %,.0f MB with"
                    + " its indexes after `VACUUM (ANALYZE)` (%.1f s).%n%n", c.written(), c.entriesBefore(), c.seconds(),
                    c.entriesPerSecond(), c.averageContentBytes(), c.entriesAfter(), c.tableMb(), c.vacuumSeconds()));
        }
        if (!a.walks().isEmpty()) {
            md.append("| call | HTTP | outcome | entries | seconds | entries/s | MB/s | audit-service CPU (s) |"
                    + " PostgreSQL CPU (s) | audit-service RSS before / peak / after (MB) | heap in use before / peak /"
                    + " after (MB) |\n| --- | --: | --- | --: | --: | --: | --: | --: | --: | --: | --: |\n");
            for (AuditBench.Walk w : a.walks()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %,d | %.1f | %,.0f | %s | %s | %s | %s / %s / %s |"
                        + " %s / %s / %s |%n", w.what(), w.status(), escape(w.outcome()), w.entries(), w.seconds(),
                        w.entriesPerSecond(), w.megabytesPerSecond() == null ? "—" : String.format(Locale.ROOT, "%.0f",
                                w.megabytesPerSecond()), seconds(w.serviceCpuMs()), seconds(w.postgresCpuMs()),
                        whole(w.rssBeforeMb()), whole(w.rssPeakMb()), whole(w.rssAfterMb()), whole(w.heapBeforeMb()),
                        whole(w.heapPeakMb()), whole(w.heapAfterMb())));
            }
            md.append("\nEach call is timed from sending the request to the last byte of the answer. Memory is sampled"
                    + " every 100 ms (resident set), the heap every 500 ms (`jvm_memory_used_bytes`, all heap pools, from"
                    + " `/q/metrics`).\n\n");
        }
    }

    private static String seconds(Double ms) {
        return ms == null ? "—" : String.format(Locale.ROOT, "%.1f", ms / 1000);
    }

    private static String whole(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static void machine(StringBuilder md, Results r) {
        Results.Machine m = r.machine();
        md.append("## Machine\n\n");
        md.append(String.format(Locale.ROOT, "- %d CPUs (%s), %,d MB memory, %s%n", m.cpus(), m.cpuModel(), m.memoryMb(), m.os()));
        md.append("- ").append(m.java()).append(" (the services, Kafka and Gatling each in their own JVM of it)\n");
        md.append("- ").append(m.postgres() == null ? "PostgreSQL (version not read)" : m.postgres())
                .append(" (the embedded zonky binaries, synchronous_commit and fsync on)\n");
        md.append("- ").append(m.kafka() == null ? "Kafka" : m.kafka()).append('\n');
        md.append("- ").append(m.gatling()).append("; ").append(m.pgbenchClient() == null ? "pgbench not found" : m.pgbenchClient())
                .append('\n');
        md.append("- the services' JVM options: `").append(String.join(" ", r.settings().jvmOptions())).append("`\n\n");
    }

    private static void method(StringBuilder md, Results r) {
        Results.Settings s = r.settings();
        md.append("## Method\n\n");
        md.append("`./resolve-bench` (a Java program in the `benchmark` module, built only with `-Pbench`) runs five phases,"
                + " each on its own `LocalSuite` (embedded PostgreSQL and Kafka, every service as its own process from its"
                + " `quarkus-run.jar`, free ports, a temporary data directory):\n\n");
        md.append(String.format(Locale.ROOT, "1. **pgbench**: in intake's database, copies of its tables (`CREATE TABLE"
                + " bench_service_request (LIKE service_request INCLUDING ALL)`, the same for `outbox_message`) and a"
                + " pgbench script with exactly intake's statements for one request: `BEGIN`, `nextval` of the number"
                + " sequence, one `INSERT` into each table (the outbox row with a RequestLogged payload of the size intake"
                + " writes), `COMMIT`; `-M prepared`, %d clients, 2 threads, %.0f s. Intake takes request numbers"
                + " from the sequence 50 at a time, so pgbench's `nextval` per request asks a little more of PostgreSQL."
                + " The copies are dropped afterwards. This is the most PostgreSQL on this machine lets intake do.%n",
                s.pgbenchClients(), s.pgbenchSeconds()));
        md.append(String.format(Locale.ROOT, "2. **intake alone**: on the same suite (intake-service only), Gatling's closed"
                + " model, %d concurrent users each posting a new unique request (channel, type, amount, currency vary) as"
                + " soon as the previous one is answered, over shared keep-alive connections; %.0f s warm-up, then %.0f s"
                + " measured. Its throughput is compared with pgbench's.%n", s.intakeConnections(), s.warmUpSeconds(),
                s.intakeSeconds()));
        md.append(String.format(Locale.ROOT, "3. **whole suite**: all five services. Gatling's open model: a warm-up of %.0f s at"
                + " half the rate (the five JVMs' C2 compilers need minutes of CPU on two cores before the code runs at"
                + " full speed), ramping up to the rate in its last tenth, then `constantUsersPerSec(%d)` for %.0f s, each user posting one unique request"
                + " whatever the answers' speed (a slow system meets a growing queue). Every second the benchmark samples"
                + " each consumer group's lag (committed offsets against end offsets of the topics it reads, and the age of"
                + " the oldest uncommitted record), the outbox backlog of intake-service and case-service, and CPU time"
                + " (`/proc/<pid>/stat`) and memory (`VmRSS`; PostgreSQL: the sum of `Pss` of all its processes) of each"
                + " process. After the load it waits (at most `--settle`) until the pipe has caught up, then reads from"
                + " each service's database how long each measured request took to become a case (`opened_at −"
                + " logged_at`), an audit entry (`recorded_at`), and a KPI count (metrics-service's inbox"
                + " `processed_at`).%n", s.warmUpSeconds(), s.rate(), s.durationSeconds()));
        md.append(String.format(Locale.ROOT, "4. **drains**: a suite with intake-service only; %,d valid RequestLogged rows"
                + " (unique request ids) inserted into its outbox in one transaction, timed from the commit until none is"
                + " unsent. Then case-service alone is started and timed through the %,d events on `intake.requests` (first"
                + " to last `opened_at` of its cases), stopped once its CaseOpened events are published; then"
                + " audit-service alone (first to last `recorded_at` of its entries), then metrics-service alone (first to"
                + " last `processed_at` in its inbox), each through everything on the topics it reads (`intake.requests`"
                + " and `cases.events`).%n", s.backlog(), s.backlog()));
        md.append(String.format(Locale.ROOT, "5. **audit**: a suite with audit-service only (no scheduled checkpoint during"
                + " the phase, the per-caller limit of verify and export lifted). %,d events produced straight onto Kafka"
                + " while it is stopped, as the suite produces them (per request a RequestLogged with the customer"
                + " snapshot on `intake.requests` and its CaseOpened on `cases.events`, CloudEvents in binary mode, valid"
                + " against their schemas); audit-service started and timed through them as in the drains (first to last"
                + " `recorded_at`). Then the chain is brought to %,d entries by writing the missing ones straight into"
                + " `audit_entry` as its owner (one COPY, one transaction holding the service's append lock), each made"
                + " by audit-service's own `ChainEntry.of` from such events and linked to the one before, followed by"
                + " `VACUUM (ANALYZE)`. Then `POST /api/v1/audit/checkpoints` as a controller (signs the head, walking the"
                + " whole chain first), and as an auditor `GET /api/v1/audit/verify` twice (each recomputes every hash and"
                + " holds the chain against that checkpoint) and `GET /api/v1/audit/export` read to its end.%n%n",
                s.auditBacklog(),
                s.auditChain()));
        md.append("Gatling runs in its own JVM (its CPU is shown but not in the totals); Kafka runs inside the benchmark's"
                + " JVM, whose CPU is shown as `" + Sampler.BENCH_JVM + "`. The run's Gatling reports and pgbench logs are"
                + " in `" + s.workDirectory() + "`.\n\n");
        md.append("The services run with production JVM settings: both JIT compilers (not `./resolve-local`'s quick-start"
                + " `-XX:TieredStopAtLevel=1`), the serial collector (least footprint and CPU overhead on two cores;"
                + " pauses stay short on a heap this size), a 192 MB heap, metaspace and code cache capped and 512 KB"
                + " thread stacks, so that a service stays under 320 MB resident. `--jvm-options` replaces them.\n\n");
    }

    private static void howToRead(StringBuilder md) {
        md.append("## How to read this\n\n");
        md.append("\"÷ goal\" is the measured figure divided by the goal: at least 1 is good for rates, at most 1 for"
                + " latencies, lags and memory. \"÷ pgbench\" puts the figure next to what PostgreSQL itself does with"
                + " intake's SQL on this machine in the same run (rates ÷ pgbench tx/s, latencies ÷ pgbench's p99"
                + " transaction latency), so runs on different machines can be compared. \"reduced run\" means the figure"
                + " met the goal but the run was smaller (rate, duration or backlog) than the target asks for. Consumer"
                + " lag is measured on committed offsets, so it includes the consumers' commit interval; the request → case"
                + " → audit → KPI lags are end to end, from each service's own timestamps. All processes share the"
                + " machine's CPUs, so one slow consumer also slows the others; CPU ms per request shows where the time"
                + " goes.\n\n");
    }

    /** The lines printed at the end of a run. */
    static String summary(Results r) {
        StringBuilder out = new StringBuilder("Results (" + r.commandLine() + "):\n");
        int width = r.targets().stream().mapToInt(t -> t.target().length()).max().orElse(20);
        for (Results.Target t : r.targets()) {
            out.append(String.format(Locale.ROOT, "  %-11s %-" + width + "s  %s  [goal %s]%n", t.result(), t.target(),
                    t.measured(), t.goal()));
        }
        if (r.suite() != null) {
            out.append("  Flow lags (ms, p50 / p99):");
            for (FlowLags.FlowLag lag : r.suite().flowLags()) {
                out.append(String.format(Locale.ROOT, " %s %s / %s;", lag.name(), ms(lag.lagMs().p50()), ms(lag.lagMs().p99())));
            }
            out.append('\n');
            r.suite().processes().stream().filter(p -> p.process().equals(SampleMath.TOTAL)).findFirst().ifPresent(total ->
                    out.append(String.format(Locale.ROOT, "  CPU per request (all processes but Gatling): %.2f ms%n",
                            total.cpuMsPerRequest() == null ? 0 : total.cpuMsPerRequest())));
        }
        Map<String, Long> tally = Targets.tally(r.targets());
        out.append(String.format(Locale.ROOT, "  %d passed, %d failed, %d reduced run, %d not run%n", tally.get(Targets.PASS),
                tally.get(Targets.FAIL), tally.get(Targets.REDUCED), tally.get(Targets.NOT_RUN)));
        if (!r.warnings().isEmpty()) {
            out.append("  ").append(r.warnings().size()).append(" warning(s) above\n");
        }
        return out.toString();
    }

    static String ms(Double value) {
        if (value == null) {
            return "not reached";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String decimal(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static Double cpuPerRequest(List<Results.ProcessUsage> usage, String process) {
        return usage.stream().filter(p -> p.process().equals(process)).map(Results.ProcessUsage::cpuMsPerRequest)
                .findFirst().orElse(null);
    }

    private static Long max(List<Long> values, int from, int to) {
        Long max = null;
        for (int i = from; i < to; i++) {
            Long value = values.get(i);
            if (value != null && (max == null || value > max)) {
                max = value;
            }
        }
        return max;
    }

    private static double average(List<Double> values, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            Double value = values.get(i);
            if (value != null) {
                sum += value;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
