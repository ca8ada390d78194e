package dev.resolve.intake.api;

import dev.resolve.api.context.CallContext;
import dev.resolve.api.idempotency.Idempotent;
import dev.resolve.api.problem.Parameters;
import dev.resolve.api.problem.Problems;
import dev.resolve.intake.api.generated.ApiResource;
import dev.resolve.intake.api.generated.beans.NewServiceRequest;
import dev.resolve.intake.api.generated.beans.ServiceRequest;
import dev.resolve.intake.domain.CustomerRequest;
import dev.resolve.intake.mapping.RequestMapping;
import dev.resolve.intake.service.RequestIntake;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/** The requests API of the contract {@code shared-contracts/src/main/openapi/intake-service/openapi.yaml}. */
public class RequestsResource implements ApiResource {

    static final String LOG_OPERATION = "POST /api/v1/requests";

    private final RequestIntake intake;
    private final CallContext call;

    public RequestsResource(RequestIntake intake, CallContext call) {
        this.intake = intake;
        this.call = call;
    }

    @Override
    @Idempotent(operation = LOG_OPERATION)
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.ADMIN, Roles.BILLING_SYSTEM, Roles.CUSTOMER})
    public Response logRequest(String idempotencyKey, NewServiceRequest data) {
        CustomerRequest logged = intake.log(RequestMapping.content(data), call.caller(), EventMetadata.fromRequest(call));
        return Response.created(URI.create("/api/v1/requests/" + logged.id())).entity(RequestMapping.view(logged)).build();
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN,
            Roles.BILLING_SYSTEM, Roles.CUSTOMER})
    public ServiceRequest getRequest(String requestId) {
        UUID id = Parameters.pathUuid("requestId", requestId);
        return intake.find(id, call.caller()).map(RequestMapping::view)
                .orElseThrow(() -> Problems.notFound("No service request has the id " + id + "."));
    }
}
