package dev.resolve.intake.api;

import dev.resolve.api.context.CallContext;
import dev.resolve.api.idempotency.Idempotent;
import dev.resolve.api.problem.Parameters;
import dev.resolve.api.problem.Problems;
import dev.resolve.intake.api.generated.ApiResource;
import dev.resolve.intake.api.generated.beans.Money;
import dev.resolve.intake.api.generated.beans.NewServiceRequest;
import dev.resolve.intake.api.generated.beans.ServiceRequest;
import dev.resolve.intake.domain.Channel;
import dev.resolve.intake.domain.RequestType;
import dev.resolve.intake.service.NewRequest;
import dev.resolve.intake.service.RequestIntake;
import dev.resolve.plumbing.EventMetadata;
import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Date;
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
        dev.resolve.intake.domain.ServiceRequest logged = intake.log(command(data), call.caller(), EventMetadata.fromRequest(call));
        return Response.created(URI.create("/api/v1/requests/" + logged.id)).entity(view(logged)).build();
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN,
            Roles.BILLING_SYSTEM, Roles.CUSTOMER})
    public ServiceRequest getRequest(String requestId) {
        UUID id = Parameters.pathUuid("requestId", requestId);
        return intake.find(id, call.caller()).map(RequestsResource::view)
                .orElseThrow(() -> Problems.notFound("No service request has the id " + id + "."));
    }

    private static NewRequest command(NewServiceRequest data) {
        Money amount = data.getDisputedAmount();
        return new NewRequest(
                Channel.valueOf(data.getChannel().name()),
                data.getCustomerReference(),
                RequestType.valueOf(data.getType().name()),
                data.getSubject(),
                data.getDescription(),
                amount == null ? null : amount.getAmount(),
                amount == null ? null : amount.getCurrency(),
                data.getInvoiceNumber());
    }

    static ServiceRequest view(dev.resolve.intake.domain.ServiceRequest request) {
        ServiceRequest view = new ServiceRequest();
        view.setId(request.id);
        view.setNumber(request.number);
        view.setChannel(dev.resolve.intake.api.generated.beans.Channel.valueOf(request.channel.name()));
        view.setCustomerReference(request.customerReference);
        view.setType(dev.resolve.intake.api.generated.beans.RequestType.valueOf(request.type.name()));
        view.setSubject(request.subject);
        view.setDescription(request.description);
        if (request.disputedAmount != null) {
            Money money = new Money();
            money.setAmount(request.disputedAmountInCurrency().toPlainString());
            money.setCurrency(request.disputedCurrency);
            view.setDisputedAmount(money);
        }
        view.setInvoiceNumber(request.invoiceNumber);
        view.setStatus(dev.resolve.intake.api.generated.beans.RequestStatus.valueOf(request.status.name()));
        view.setLoggedAt(Date.from(request.loggedAt));
        return view;
    }

}
