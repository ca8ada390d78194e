package dev.resolve.metrics.domain;

import java.util.List;
import java.util.Map;

/**
 * One KPI in total and broken down by channel, by type and by both; counts of zero are left out.
 *
 * @param byChannelAndType ordered by channel, then type
 */
public record KpiBreakdown(long total, Map<String, Long> byChannel, Map<String, Long> byType,
        List<KpiCount> byChannelAndType) {
}
