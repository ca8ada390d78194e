package dev.resolve.metrics.service;

import dev.resolve.metrics.domain.KpiBreakdown;
import dev.resolve.metrics.domain.Kpi;
import dev.resolve.metrics.domain.KpiCount;
import dev.resolve.metrics.domain.KpiSnapshot;
import dev.resolve.metrics.domain.KpiTotals;
import dev.resolve.metrics.persistence.KpiRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers KPI questions from the projection. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class KpiReport {

    private final KpiRepository counters;

    public KpiReport(KpiRepository counters) {
        this.counters = counters;
    }

    /**
     * The current KPIs, narrowed to one channel and/or request type when given (null means every one).
     * {@code asOf} describes the whole projection, whatever the filters.
     */
    public KpiTotals summary(String channel, String type) {
        KpiSnapshot snapshot = counters.read();
        List<KpiCount> selected = snapshot.counts().stream()
                .filter(count -> count.value() != 0)
                .filter(count -> channel == null || channel.equals(count.channel()))
                .filter(count -> type == null || type.equals(count.type()))
                .toList();
        return new KpiTotals(breakdown(selected, Kpi.REQUESTS_LOGGED), breakdown(selected, Kpi.CASES_OPEN), snapshot.asOf());
    }

    private static KpiBreakdown breakdown(List<KpiCount> counts, Kpi kpi) {
        long total = 0;
        Map<String, Long> byChannel = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        List<KpiCount> ofKpi = counts.stream().filter(count -> count.kpi() == kpi).toList();
        for (KpiCount count : ofKpi) {
            total += count.value();
            byChannel.merge(count.channel(), count.value(), Long::sum);
            byType.merge(count.type(), count.value(), Long::sum);
        }
        return new KpiBreakdown(total, byChannel, byType, ofKpi);
    }
}
