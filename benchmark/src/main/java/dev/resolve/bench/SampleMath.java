package dev.resolve.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Figures made from the sampler's series: CPU and memory per process, consumer lag, compact series. */
final class SampleMath {

    /** The name of the sum over all processes but the load generator. */
    static final String TOTAL = "total (without Gatling)";

    private SampleMath() {
    }

    /**
     * CPU and memory of each process: CPU per request over [loadStart, settleEnd], average CPU and memory over
     * [loadStart, loadEnd]; the last entry is the total of all processes except Gatling.
     */
    static List<Results.ProcessUsage> usage(List<Sampler.Sample> samples, long loadStart, long loadEnd, long settleEnd,
            long requests) {
        List<Sampler.Sample> load = between(samples, loadStart, loadEnd);
        List<Sampler.Sample> all = between(samples, loadStart, settleEnd);
        if (load.size() < 2) {
            return List.of();
        }
        Set<String> processes = new LinkedHashSet<>();
        load.forEach(sample -> processes.addAll(sample.cpuMs().keySet()));
        List<Results.ProcessUsage> usage = new ArrayList<>();
        double totalCpu = 0;
        double totalPercent = 0;
        double totalPeak = 0;
        double totalAvg = 0;
        for (String process : processes) {
            double cpuAll = delta(all, process);
            double cpuLoad = delta(load, process);
            double seconds = (load.get(load.size() - 1).atMillis() - load.get(0).atMillis()) / 1000.0;
            double peak = 0;
            double sum = 0;
            int n = 0;
            for (Sampler.Sample sample : load) {
                Double rss = sample.rssMb().get(process);
                if (rss != null) {
                    peak = Math.max(peak, rss);
                    sum += rss;
                    n++;
                }
            }
            double percent = seconds > 0 ? cpuLoad / seconds / 10.0 : 0;
            Results.ProcessUsage entry = new Results.ProcessUsage(process, cpuAll,
                    requests > 0 ? cpuAll / requests : null, percent, peak, n > 0 ? sum / n : 0);
            usage.add(entry);
            if (counts(process)) {
                totalCpu += cpuAll;
                totalPercent += percent;
                totalPeak += peak;
                totalAvg += entry.avgRssMb();
            }
        }
        usage.add(new Results.ProcessUsage(TOTAL, totalCpu, requests > 0 ? totalCpu / requests : null, totalPercent,
                totalPeak, totalAvg));
        return usage;
    }

    /** Whether a process counts in the totals: not Gatling, and not the sampler (already in the benchmark's JVM). */
    static boolean counts(String process) {
        return !Sampler.GATLING.equals(process) && !Sampler.SAMPLER.equals(process);
    }

    /** CPU time a process used between the first and the last sample that has it. */
    private static double delta(List<Sampler.Sample> samples, String process) {
        Double first = null;
        Double last = null;
        for (Sampler.Sample sample : samples) {
            Double cpu = sample.cpuMs().get(process);
            if (cpu != null) {
                if (first == null) {
                    first = cpu;
                }
                last = cpu;
            }
        }
        return first == null ? 0 : Math.max(0, last - first);
    }

    /** Each group's largest and 95th-percentile lag over [from, to]. */
    static Map<String, Results.ConsumerLag> consumerLag(List<Sampler.Sample> samples, long from, long to) {
        Map<String, Results.ConsumerLag> lags = new LinkedHashMap<>();
        for (String group : KafkaLag.GROUP_TOPICS.keySet()) {
            List<Long> ms = new ArrayList<>();
            long maxRecords = -1;
            for (Sampler.Sample sample : between(samples, from, to)) {
                Long lag = sample.lagMs().get(group);
                if (lag != null) {
                    ms.add(lag);
                }
                Long records = sample.lagRecords().get(group);
                if (records != null) {
                    maxRecords = Math.max(maxRecords, records);
                }
            }
            if (ms.isEmpty() && maxRecords < 0) {
                continue;
            }
            ms.sort(Long::compare);
            Long max = ms.isEmpty() ? null : ms.get(ms.size() - 1);
            Long p95 = ms.isEmpty() ? null : ms.get((int) Math.max(0, Math.ceil(0.95 * ms.size()) - 1));
            lags.put(group, new Results.ConsumerLag(max, p95, maxRecords < 0 ? null : maxRecords, ms.size()));
        }
        return lags;
    }

    /** The samples as series; t in seconds since {@code zero}. */
    static Results.Series series(List<Sampler.Sample> samples, long zero) {
        List<Double> t = new ArrayList<>();
        List<String> stage = new ArrayList<>();
        Map<String, List<Long>> lagMs = new LinkedHashMap<>();
        Map<String, List<Long>> lagRecords = new LinkedHashMap<>();
        Map<String, List<Long>> outbox = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        Set<String> groups = new LinkedHashSet<>();
        Set<String> emitters = new LinkedHashSet<>();
        Set<String> processes = new LinkedHashSet<>();
        for (Sampler.Sample sample : samples) {
            groups.addAll(sample.lagRecords().keySet());
            emitters.addAll(sample.outboxBacklog().keySet());
            processes.addAll(sample.cpuMs().keySet());
        }
        groups.forEach(g -> {
            lagMs.put(g, new ArrayList<>());
            lagRecords.put(g, new ArrayList<>());
        });
        emitters.forEach(e -> outbox.put(e, new ArrayList<>()));
        processes.forEach(p -> {
            cpu.put(p, new ArrayList<>());
            rss.put(p, new ArrayList<>());
        });
        Sampler.Sample previous = null;
        for (Sampler.Sample sample : samples) {
            t.add(round((sample.atMillis() - zero) / 1000.0, 1));
            stage.add(sample.stage());
            for (String g : groups) {
                lagMs.get(g).add(sample.lagMs().get(g));
                lagRecords.get(g).add(sample.lagRecords().get(g));
            }
            for (String e : emitters) {
                outbox.get(e).add(sample.outboxBacklog().get(e));
            }
            for (String p : processes) {
                Double now = sample.cpuMs().get(p);
                Double before = previous == null ? null : previous.cpuMs().get(p);
                double seconds = previous == null ? 0 : (sample.atMillis() - previous.atMillis()) / 1000.0;
                cpu.get(p).add(now != null && before != null && seconds > 0 ? round(Math.max(0, now - before) / seconds / 10.0, 1) : null);
                Double mb = sample.rssMb().get(p);
                rss.get(p).add(mb == null ? null : round(mb, 1));
            }
            previous = sample;
        }
        return new Results.Series(t, stage, lagMs, lagRecords, outbox, cpu, rss);
    }

    static List<Sampler.Sample> between(List<Sampler.Sample> samples, long from, long to) {
        return samples.stream().filter(s -> s.atMillis() >= from && s.atMillis() <= to).toList();
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
