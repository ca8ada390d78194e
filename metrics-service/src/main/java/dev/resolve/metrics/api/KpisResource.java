package dev.resolve.metrics.api;

import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.resolve.metrics.api.generated.ApiResource;
import dev.resolve.metrics.api.generated.beans.ByChannel;
import dev.resolve.metrics.api.generated.beans.ByType;
import dev.resolve.metrics.api.generated.beans.Channel;
import dev.resolve.metrics.api.generated.beans.ChannelTypeCount;
import dev.resolve.metrics.api.generated.beans.CountBreakdown;
import dev.resolve.metrics.api.generated.beans.KpiSummary;
import dev.resolve.metrics.api.generated.beans.RequestType;
import dev.resolve.metrics.domain.KpiCount;
import dev.resolve.metrics.service.KpiReport;

import java.util.Date;

/**
 * The KPI API of the contract {@code shared-contracts/src/main/openapi/metrics-service/openapi.yaml}. Unknown
 * {@code channel} and {@code type} values never get here: the shared parameter converters answer them with 400.
 */
public class KpisResource implements ApiResource {

    private final KpiReport report;

    public KpisResource(KpiReport report) {
        this.report = report;
    }

    @Override
    @RolesAllowed({Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN, Roles.OPS})
    public KpiSummary getKpiSummary(Channel channel, RequestType type) {
        dev.resolve.metrics.domain.KpiSummary summary = report.summary(
                channel == null ? null : channel.value(), type == null ? null : type.value());
        KpiSummary view = new KpiSummary();
        view.setRequestsLogged(view(summary.requestsLogged()));
        view.setCasesOpen(view(summary.casesOpen()));
        view.setAsOf(summary.asOf() == null ? null : Date.from(summary.asOf()));
        return view;
    }

    private static CountBreakdown view(dev.resolve.metrics.domain.CountBreakdown breakdown) {
        CountBreakdown view = new CountBreakdown();
        view.setTotal(breakdown.total());
        ByChannel byChannel = new ByChannel();
        breakdown.byChannel().forEach(byChannel::setAdditionalProperty);
        view.setByChannel(byChannel);
        ByType byType = new ByType();
        breakdown.byType().forEach(byType::setAdditionalProperty);
        view.setByType(byType);
        view.setByChannelAndType(breakdown.byChannelAndType().stream().map(KpisResource::view).toList());
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
