package dev.resolve.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The targets of the event-pipe issue, checked against one run. */
final class Targets {

    static final int SUITE_RATE = 500;
    static final int SUITE_SECONDS = 180;
    static final double INTAKE_SHARE_OF_PGBENCH = 0.5;
    static final double MAX_CONSUMER_LAG_MS = 1_000;
    static final double MAX_INTAKE_P99_MS = 50;
    static final double MAX_REQUEST_TO_CASE_P99_MS = 200;
    static final int DRAIN_BACKLOG = 100_000;
    static final double MIN_RELAY_EVENTS_PER_SECOND = 5_000;
    static final double MIN_CONSUMER_EVENTS_PER_SECOND = 3_000;
    static final double MAX_RSS_MB = 320;
    /**
     * The events the suite's flow puts into the audit chain per request: intake's RequestLogged and case-service's
     * CaseOpened (a refused request's RequestRejected instead of both; approvals publish no event yet).
     */
    static final int AUDITED_EVENTS_PER_REQUEST = AuditEvents.EVENTS_PER_REQUEST;
    /** audit-service must append at least the suite's event rate at the target load. */
    static final double MIN_AUDIT_APPEND_EVENTS_PER_SECOND = SUITE_RATE * AUDITED_EVENTS_PER_REQUEST;
    static final int AUDIT_CHAIN_ENTRIES = 1_000_000;
    static final double MAX_AUDIT_VERIFY_SECONDS = 10;
    /**
     * Walking the chain (sign, verify, export) streams it: audit-service's resident memory may grow by this share at
     * most over what it was before the first walk (JIT-compiled code and the like), however long the chain.
     */
    static final double MAX_AUDIT_WALK_RSS_GROWTH = 0.10;

    static final String PASS = "PASS";
    static final String FAIL = "FAIL";
    static final String NOT_RUN = "not run";
    static final String REDUCED = "reduced run";

    private Targets() {
    }

    static List<Results.Target> evaluate(BenchOptions options, Results.PgbenchPhase pgbench, Results.IntakePhase intake,
            Results.SuitePhase suite, Results.DrainPhase drain, Results.AuditPhase audit) {
        List<Results.Target> targets = new ArrayList<>();
        Double pgTps = pgbench == null ? null : pgbench.result().tps();
        Double pgP99 = pgbench == null ? null : pgbench.result().latencyMs().p99();

        String goal = "≥ 50% of pgbench tx/s";
        if (intake == null || pgbench == null) {
            targets.add(notRun("intake-service alone vs pgbench (same run)", goal,
                    intake == null ? "needs the intake phase" : "needs the pgbench phase"));
        } else {
            double share = intake.requestsPerSecond() / pgTps;
            targets.add(new Results.Target("intake-service alone vs pgbench (same run)", goal,
                    String.format(Locale.ROOT, "%.0f req/s vs %.0f tx/s = %.0f%%", intake.requestsPerSecond(), pgTps, share * 100),
                    share / INTAKE_SHARE_OF_PGBENCH, share, share >= INTAKE_SHARE_OF_PGBENCH ? PASS : FAIL,
                    intake.connections() + " concurrent users, " + pgbench.result().clients() + " pgbench clients"));
        }

        boolean fullLoad = options.rate() >= SUITE_RATE && options.duration().toSeconds() >= SUITE_SECONDS;
        String size = String.format(Locale.ROOT, "run at %d req/s for %ds; the target is %d req/s for %ds",
                options.rate(), options.duration().toSeconds(), SUITE_RATE, SUITE_SECONDS);
        String sizeNote = fullLoad ? null : size;
        if (suite == null) {
            targets.add(notRun("whole suite sustains the offered rate", SUITE_RATE + " req/s for " + SUITE_SECONDS + " s", null));
        } else {
            boolean sustained = suite.load().ko() == 0 && suite.okPerSecond() >= 0.99 * suite.offeredRate();
            targets.add(new Results.Target("whole suite sustains the offered rate",
                    SUITE_RATE + " req/s for " + SUITE_SECONDS + " s, every request answered 201",
                    String.format(Locale.ROOT, "%.1f req/s OK of %d offered for %.0f s, %d failed", suite.okPerSecond(),
                            suite.offeredRate(), suite.seconds(), suite.load().ko()),
                    suite.okPerSecond() / SUITE_RATE, pgTps == null ? null : suite.okPerSecond() / pgTps,
                    verdict(sustained, fullLoad), sizeNote));
            for (String group : KafkaLag.GROUP_TOPICS.keySet()) {
                Results.ConsumerLag lag = suite.consumerLag().get(group);
                String name = "consumer lag under that load: " + group;
                if (lag == null || lag.maxMs() == null) {
                    targets.add(new Results.Target(name, "< 1 s", "not measured", null, null, FAIL,
                            "no lag sample could be read"));
                } else {
                    targets.add(new Results.Target(name, "< 1 s",
                            String.format(Locale.ROOT, "max %,d ms (p95 %,d ms, at most %,d records behind)", lag.maxMs(),
                                    lag.p95Ms(), lag.maxRecords() == null ? 0L : lag.maxRecords()),
                            lag.maxMs() / MAX_CONSUMER_LAG_MS, null, verdict(lag.maxMs() < MAX_CONSUMER_LAG_MS, fullLoad), sizeNote));
                }
            }
            Double p99 = suite.load().responseTimeMs().p99();
            targets.add(latencyTarget("intake p99 under that load", MAX_INTAKE_P99_MS, p99, pgP99, fullLoad, sizeNote,
                    String.format(Locale.ROOT, "p99 %s ms (p50 %s, p95 %s, max %s)", Report.ms(p99),
                            Report.ms(suite.load().responseTimeMs().p50()), Report.ms(suite.load().responseTimeMs().p95()),
                            Report.ms(suite.load().responseTimeMs().max()))));
            Latency toCase = FlowLags.byName(suite.flowLags()).get(FlowLags.REQUEST_TO_CASE).lagMs();
            targets.add(latencyTarget("request → case p99 under that load", MAX_REQUEST_TO_CASE_P99_MS, toCase.p99(), pgP99,
                    fullLoad, sizeNote, String.format(Locale.ROOT, "p99 %s ms (p50 %s, max %s; %,d of %,d reached)",
                            Report.ms(toCase.p99()), Report.ms(toCase.p50()), Report.ms(toCase.max()), toCase.reached(),
                            toCase.count())));
        }

        boolean fullBacklog = options.backlog() >= DRAIN_BACKLOG;
        String backlogNote = fullBacklog ? null : String.format(Locale.ROOT, "backlog %,d; the target is %,d",
                options.backlog(), DRAIN_BACKLOG);
        List<String> drained = List.of("intake-service", "case-service", "audit-service", "metrics-service");
        for (String service : drained) {
            boolean relay = "intake-service".equals(service);
            String name = relay ? "outbox relay drains a backlog" : service + " drains a backlog";
            double min = relay ? MIN_RELAY_EVENTS_PER_SECOND : MIN_CONSUMER_EVENTS_PER_SECOND;
            String drainGoal = String.format(Locale.ROOT, "≥ %,.0f events/s (%,d backlog)", min, DRAIN_BACKLOG);
            Drains.Drain found = drain == null ? null : drain.drains().stream()
                    .filter(d -> d.service().equals(service)).findFirst().orElse(null);
            if (found == null) {
                targets.add(notRun(name, drainGoal, null));
                continue;
            }
            targets.add(new Results.Target(name, drainGoal,
                    String.format(Locale.ROOT, "%,.0f events/s (%,d events in %.1f s%s)", found.eventsPerSecond(),
                            found.events(), found.seconds(), found.complete() ? "" : ", not drained"),
                    found.eventsPerSecond() / min, pgTps == null ? null : found.eventsPerSecond() / pgTps,
                    verdict(found.complete() && found.eventsPerSecond() >= min, fullBacklog), backlogNote));
        }

        for (String service : dev.resolve.launcher.LocalSuite.ALL_SERVICES) {
            String name = "memory under the suite load: " + service;
            Results.ProcessUsage usage = suite == null ? null : suite.processes().stream()
                    .filter(p -> p.process().equals(service)).findFirst().orElse(null);
            if (usage == null) {
                targets.add(notRun(name, "≤ 320 MB RSS", null));
                continue;
            }
            targets.add(new Results.Target(name, "≤ 320 MB RSS",
                    String.format(Locale.ROOT, "peak %.0f MB (average %.0f MB)", usage.peakRssMb(), usage.avgRssMb()),
                    usage.peakRssMb() / MAX_RSS_MB, null, verdict(usage.peakRssMb() <= MAX_RSS_MB, fullLoad), sizeNote));
        }
        audit(targets, options, audit, pgTps);
        return targets;
    }

    /** audit-service's append rate against the suite's event rate, and verifying a chain of a million entries. */
    private static void audit(List<Results.Target> targets, BenchOptions options, Results.AuditPhase audit, Double pgTps) {
        boolean fullBacklog = options.auditBacklog() >= DRAIN_BACKLOG;
        String backlogNote = fullBacklog ? null : String.format(Locale.ROOT, "backlog %,d; the target is %,d",
                options.auditBacklog(), DRAIN_BACKLOG);
        String appendName = "audit-service appends the suite's events to its chain";
        String appendGoal = String.format(Locale.ROOT, "≥ %,.0f events/s (%d req/s × %d events each: RequestLogged and"
                + " CaseOpened; %,d backlog)", MIN_AUDIT_APPEND_EVENTS_PER_SECOND, SUITE_RATE, AUDITED_EVENTS_PER_REQUEST,
                DRAIN_BACKLOG);
        Drains.Drain append = audit == null ? null : audit.append();
        if (append == null) {
            targets.add(notRun(appendName, appendGoal, audit == null ? null : "the backlog was not appended"));
        } else {
            targets.add(new Results.Target(appendName, appendGoal,
                    String.format(Locale.ROOT, "%,.0f events/s (%,d events in %.1f s%s)", append.eventsPerSecond(),
                            append.events(), append.seconds(), append.complete() ? "" : ", not drained"),
                    append.eventsPerSecond() / MIN_AUDIT_APPEND_EVENTS_PER_SECOND,
                    pgTps == null ? null : append.eventsPerSecond() / pgTps,
                    verdict(append.complete() && append.eventsPerSecond() >= MIN_AUDIT_APPEND_EVENTS_PER_SECOND, fullBacklog),
                    backlogNote));
        }

        boolean fullChain = options.auditChain() >= AUDIT_CHAIN_ENTRIES;
        String chainNote = fullChain ? null : String.format(Locale.ROOT, "chain of %,d; the target is %,d",
                options.auditChain(), AUDIT_CHAIN_ENTRIES);
        String verifyName = String.format(Locale.ROOT, "verify a %,d-entry audit chain", AUDIT_CHAIN_ENTRIES);
        String verifyGoal = String.format(Locale.ROOT, "≤ %.0f s, valid", MAX_AUDIT_VERIFY_SECONDS);
        AuditBench.Walk verify = audit == null ? null : audit.walk(AuditBench.VERIFY);
        if (verify == null) {
            targets.add(notRun(verifyName, verifyGoal, audit == null ? null : "the chain was not verified"));
        } else {
            AuditBench.Walk again = audit.walk(AuditBench.VERIFY_AGAIN);
            String measured = String.format(Locale.ROOT, "%.1f s, %s (%,.0f entries/s%s)", verify.seconds(),
                    verify.outcome(), verify.entriesPerSecond(), again == null ? ""
                            : String.format(Locale.ROOT, "; again: %.1f s", again.seconds()));
            targets.add(new Results.Target(verifyName, verifyGoal, measured, verify.seconds() / MAX_AUDIT_VERIFY_SECONDS,
                    null, verdict(verify.ok() && verify.seconds() <= MAX_AUDIT_VERIFY_SECONDS, fullChain), chainNote));
        }

        String memoryName = "memory while walking that chain: audit-service";
        String memoryGoal = String.format(Locale.ROOT, "RSS grows ≤ %.0f%% (streaming: constant in the chain's length)",
                MAX_AUDIT_WALK_RSS_GROWTH * 100);
        List<AuditBench.Walk> walks = audit == null ? List.of() : audit.walks().stream()
                .filter(w -> w.rssBeforeMb() != null && w.rssPeakMb() != null).toList();
        if (walks.isEmpty()) {
            targets.add(notRun(memoryName, memoryGoal, null));
        } else {
            double before = walks.get(0).rssBeforeMb();
            double peak = walks.stream().mapToDouble(AuditBench.Walk::rssPeakMb).max().orElse(before);
            double growth = before > 0 ? (peak - before) / before : 0;
            Double heap = walks.stream().map(AuditBench.Walk::heapPeakMb).filter(java.util.Objects::nonNull)
                    .max(Double::compare).orElse(null);
            boolean complete = walks.stream().allMatch(AuditBench.Walk::ok);
            targets.add(new Results.Target(memoryName, memoryGoal,
                    String.format(Locale.ROOT, "RSS %.0f MB before the first walk, at most %.0f MB during the %d walks"
                            + " (%+.0f%%); heap in use at most %s MB%s", before, peak, walks.size(), growth * 100,
                            heap == null ? "—" : String.format(Locale.ROOT, "%.0f", heap),
                            audit.chain() == null ? "" : String.format(Locale.ROOT, "; the chain is %,.0f MB in PostgreSQL",
                                    audit.chain().tableMb())),
                    Math.max(0, growth) / MAX_AUDIT_WALK_RSS_GROWTH, null,
                    verdict(complete && growth <= MAX_AUDIT_WALK_RSS_GROWTH, fullChain), chainNote));
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static Results.Target latencyTarget(String name, double max, Double p99, Double pgbenchP99, boolean fullLoad,
            String sizeNote, String measured) {
        String goal = String.format(Locale.ROOT, "≤ %.0f ms", max);
        if (p99 == null) {
            return new Results.Target(name, goal, measured, null, null, FAIL, "more than 1% of the requests never got there");
        }
        return new Results.Target(name, goal, measured, p99 / max, pgbenchP99 == null ? null : p99 / pgbenchP99,
                verdict(p99 <= max, fullLoad), sizeNote);
    }

    private static String verdict(boolean meetsGoal, boolean fullSize) {
        if (!meetsGoal) {
            return FAIL;
        }
        return fullSize ? PASS : REDUCED;
    }

    private static Results.Target notRun(String name, String goal, String note) {
        return new Results.Target(name, goal, "—", null, null, NOT_RUN, note);
    }

    static long count(List<Results.Target> targets, String result) {
        return targets.stream().filter(t -> t.result().equals(result)).count();
    }

    static Map<String, Long> tally(List<Results.Target> targets) {
        return Map.of(PASS, count(targets, PASS), FAIL, count(targets, FAIL), REDUCED, count(targets, REDUCED),
                NOT_RUN, count(targets, NOT_RUN));
    }
}
