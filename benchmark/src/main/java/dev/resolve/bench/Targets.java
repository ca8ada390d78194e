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

    static final String PASS = "PASS";
    static final String FAIL = "FAIL";
    static final String NOT_RUN = "not run";
    static final String REDUCED = "reduced run";

    private Targets() {
    }

    static List<Results.Target> evaluate(BenchOptions options, Results.PgbenchPhase pgbench, Results.IntakePhase intake,
            Results.SuitePhase suite, Results.DrainPhase drain) {
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
        return targets;
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
