package dev.resolve.metrics.api;

import dev.resolve.contracts.security.Roles;
import dev.resolve.metrics.api.generated.ApiResource;
import dev.resolve.metrics.api.generated.beans.Channel;
import dev.resolve.metrics.api.generated.beans.KpiSummary;
import dev.resolve.metrics.api.generated.beans.RequestType;
import dev.resolve.metrics.mapping.KpiMapping;
import dev.resolve.metrics.service.KpiReport;
import jakarta.annotation.security.RolesAllowed;

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
        return KpiMapping.view(report.summary(KpiMapping.code(channel), KpiMapping.code(type)));
    }
}
