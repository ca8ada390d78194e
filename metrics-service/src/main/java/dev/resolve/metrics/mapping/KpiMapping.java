package dev.resolve.metrics.mapping;

import dev.resolve.metrics.api.generated.beans.ByChannel;
import dev.resolve.metrics.api.generated.beans.ByType;
import dev.resolve.metrics.api.generated.beans.ChannelTypeCount;
import dev.resolve.metrics.api.generated.beans.CountBreakdown;
import dev.resolve.metrics.api.generated.beans.KpiSummary;
import dev.resolve.metrics.domain.KpiBreakdown;
import dev.resolve.metrics.domain.KpiCount;
import dev.resolve.metrics.domain.KpiTotals;

import java.util.Date;

/** Between the KPI API's beans and the domain. */
public final class KpiMapping {

    private KpiMapping() {
    }

    /** The code a filter parameter holds (a generated enum of the contract's vocabulary), or null for any. */
    public static String code(Enum<?> filter) {
        return filter == null ? null : filter.name();
    }

    public static KpiSummary view(KpiTotals totals) {
        KpiSummary view = new KpiSummary();
        view.setRequestsLogged(view(totals.requestsLogged()));
        view.setCasesOpen(view(totals.casesOpen()));
        view.setAsOf(totals.asOf() == null ? null : Date.from(totals.asOf()));
        return view;
    }

    private static CountBreakdown view(KpiBreakdown breakdown) {
        CountBreakdown view = new CountBreakdown();
        view.setTotal(breakdown.total());
        ByChannel byChannel = new ByChannel();
        breakdown.byChannel().forEach(byChannel::setAdditionalProperty);
        view.setByChannel(byChannel);
        ByType byType = new ByType();
        breakdown.byType().forEach(byType::setAdditionalProperty);
        view.setByType(byType);
        view.setByChannelAndType(breakdown.byChannelAndType().stream().map(KpiMapping::view).toList());
        return view;
    }

    private static ChannelTypeCount view(KpiCount count) {
        ChannelTypeCount view = new ChannelTypeCount();
        view.setChannel(count.channel());
        view.setType(count.type());
        view.setCount(count.value());
        return view;
    }
}
