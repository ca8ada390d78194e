package dev.resolve.cases.api;

import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.resolve.api.context.CallContext;
import dev.resolve.api.http.ETags;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.problem.Parameters;
import dev.resolve.api.problem.Problems;
import dev.resolve.cases.api.generated.ApiResource;
import dev.resolve.cases.api.generated.beans.CasePage;
import dev.resolve.cases.api.generated.beans.CaseStatus;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.cases.mapping.CaseMapping;
import dev.resolve.cases.persistence.CaseRepository;
import dev.resolve.cases.service.CaseQueries;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** The cases API of the contract {@code shared-contracts/src/main/openapi/case-service/openapi.yaml}. */
public class CasesResource implements ApiResource {

    private final CaseQueries queries;
    private final CallContext call;

    public CasesResource(CaseQueries queries, CallContext call) {
        this.queries = queries;
        this.call = call;
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN, Roles.CUSTOMER})
    public CasePage listCases(String requestId, CaseStatus status, Integer limit, String cursor) {
        UUID request = Parameters.queryUuid("requestId", requestId);
        CaseRepository.After after = Cursor.decode(cursor, 2, CaseRepository.After::from);
        return CaseMapping.view(queries.list(call.caller(), request, CaseMapping.status(status), after, limit));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN, Roles.CUSTOMER})
    public Response getCase(String caseId, String ifNoneMatch) {
        UUID id = Parameters.pathUuid("caseId", caseId);
        ServiceCase found = queries.find(id, call.caller()).orElseThrow(() -> Problems.notFound("No case has the id " + id + "."));
        EntityTag tag = ETags.of(found.version());
        if (ifNoneMatch != null && ETags.matches(ifNoneMatch, found.version())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(CaseMapping.view(found)).tag(tag).build();
    }
}
