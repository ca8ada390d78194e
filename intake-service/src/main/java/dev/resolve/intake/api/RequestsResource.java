package dev.resolve.intake.api;

import dev.resolve.api.context.CallContext;
import dev.resolve.api.http.ETags;
import dev.resolve.api.idempotency.Idempotent;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.problem.Parameters;
import dev.resolve.api.problem.Problems;
import dev.resolve.contracts.security.Roles;
import dev.resolve.contracts.vocabulary.Vocabulary;
import dev.resolve.intake.api.generated.ApiResource;
import dev.resolve.intake.api.generated.beans.Contract;
import dev.resolve.intake.api.generated.beans.ContractData;
import dev.resolve.intake.api.generated.beans.CustomerData;
import dev.resolve.intake.api.generated.beans.CustomerPage;
import dev.resolve.intake.api.generated.beans.CustomerTier;
import dev.resolve.intake.api.generated.beans.Dispute;
import dev.resolve.intake.api.generated.beans.Invoice;
import dev.resolve.intake.api.generated.beans.InvoiceData;
import dev.resolve.intake.api.generated.beans.Kyc;
import dev.resolve.intake.api.generated.beans.KycStatus;
import dev.resolve.intake.api.generated.beans.NewDispute;
import dev.resolve.intake.api.generated.beans.NewServiceRequest;
import dev.resolve.intake.api.generated.beans.ServiceRequest;
import dev.resolve.intake.domain.BillingContract;
import dev.resolve.intake.domain.BillingDispute;
import dev.resolve.intake.domain.BillingVersioned;
import dev.resolve.intake.domain.CustomerAccount;
import dev.resolve.intake.domain.CustomerInvoice;
import dev.resolve.intake.domain.CustomerRequest;
import dev.resolve.intake.mapping.BillingMapping;
import dev.resolve.intake.mapping.CustomerMapping;
import dev.resolve.intake.mapping.RequestMapping;
import dev.resolve.intake.persistence.CustomerRepository;
import dev.resolve.intake.service.BillingReferences;
import dev.resolve.intake.service.CustomerMaster;
import dev.resolve.intake.service.DisputeIntake;
import dev.resolve.intake.service.RequestIntake;
import dev.resolve.intake.service.Written;
import dev.resolve.plumbing.EventMetadata;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/** The intake API of the contract {@code shared-contracts/src/main/openapi/intake-service/openapi.yaml}. */
public class RequestsResource implements ApiResource {

    static final String LOG_OPERATION = "POST /api/v1/requests";

    private final RequestIntake intake;
    private final CustomerMaster customers;
    private final BillingReferences billing;
    private final DisputeIntake disputes;
    private final CallContext call;

    public RequestsResource(RequestIntake intake, CustomerMaster customers, BillingReferences billing,
            DisputeIntake disputes, CallContext call) {
        this.intake = intake;
        this.customers = customers;
        this.billing = billing;
        this.disputes = disputes;
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

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN})
    public CustomerPage listCustomers(String search, CustomerTier tier, KycStatus kycStatus, Integer limit, String cursor) {
        CustomerRepository.After after = Cursor.decode(cursor, 1, CustomerRepository.After::from);
        return CustomerMapping.view(customers.list(search, Vocabulary.as(tier, Vocabulary.CustomerTier.class),
                Vocabulary.as(kycStatus, Vocabulary.KycStatus.class), after, limit));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN,
            Roles.BILLING_SYSTEM, Roles.CUSTOMER})
    public Response getCustomer(String customerRef, String ifNoneMatch) {
        CustomerAccount customer = customers.find(customerRef, call.caller())
                .orElseThrow(() -> Problems.notFound("No customer has the reference " + customerRef + "."));
        if (ifNoneMatch != null && ETags.matches(ifNoneMatch, customer.version())) {
            return Response.notModified(ETags.of(customer.version())).build();
        }
        return Response.ok(CustomerMapping.view(customer)).tag(ETags.of(customer.version())).build();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.BILLING_SYSTEM})
    public Response putCustomer(String customerRef, String ifMatch, String ifNoneMatch, CustomerData data) {
        Written<CustomerAccount> written = customers.put(customerRef, CustomerMapping.content(data), ifMatch, ifNoneMatch != null);
        CustomerAccount customer = written.value();
        Response.ResponseBuilder answer = written.created()
                ? Response.created(URI.create("/api/v1/customers/" + customerRef)) : Response.ok();
        return answer.entity(CustomerMapping.view(customer)).tag(ETags.of(customer.version())).build();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.FINANCE_MANAGER, Roles.BILLING_SYSTEM})
    public Response putCustomerKyc(String customerRef, String ifMatch, Kyc data) {
        CustomerAccount customer = customers.changeKyc(customerRef, CustomerMapping.kyc(data), ifMatch);
        return Response.ok(CustomerMapping.view(customer)).tag(ETags.of(customer.version())).build();
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN,
            Roles.BILLING_SYSTEM})
    public Invoice getInvoice(String invoiceNumber) {
        return billing.invoice(invoiceNumber).map(BillingMapping::view)
                .orElseThrow(() -> Problems.notFound("No invoice has the number " + invoiceNumber + "."));
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.BILLING_SYSTEM})
    public Response putInvoice(String invoiceNumber, InvoiceData data) {
        BillingReferences.Versioned<CustomerInvoice> written =
                billing.putInvoice(invoiceNumber, BillingMapping.content(data), data.getVersion());
        return versioned(written, "Invoice " + invoiceNumber, "/api/v1/invoices/" + invoiceNumber,
                BillingMapping.view(written.stored()));
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN,
            Roles.BILLING_SYSTEM})
    public Contract getContract(String contractId) {
        return billing.contract(contractId).map(BillingMapping::view)
                .orElseThrow(() -> Problems.notFound("No contract has the id " + contractId + "."));
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.BILLING_SYSTEM})
    public Response putContract(String contractId, ContractData data) {
        BillingReferences.Versioned<BillingContract> written =
                billing.putContract(contractId, BillingMapping.content(data), data.getVersion());
        return versioned(written, "Contract " + contractId, "/api/v1/contracts/" + contractId,
                BillingMapping.view(written.stored()));
    }

    @Override
    @RolesAllowed({Roles.BILLING_SYSTEM})
    public Response postDispute(NewDispute data) {
        DisputeIntake.Received received = disputes.receive(BillingMapping.content(data), BillingDispute.Arrival.REST,
                EventMetadata.fromRequest(call));
        Dispute view = BillingMapping.view(received.dispute());
        if (!received.first()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/v1/billing/disputes/" + view.getSourceSystem() + "/"
                + view.getExternalDisputeId())).entity(view).build();
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN,
            Roles.BILLING_SYSTEM})
    public Dispute getDispute(String sourceSystem, String externalDisputeId) {
        return disputes.find(sourceSystem, externalDisputeId).map(BillingMapping::view)
                .orElseThrow(() -> Problems.notFound("No dispute " + externalDisputeId + " from " + sourceSystem + "."));
    }

    /** 201 for a first version, 200 for a newer or the same one, 409 for an older one (nothing changed). */
    private static Response versioned(BillingReferences.Versioned<? extends BillingVersioned<?>> written, String what,
            String location, Object view) {
        long held = written.stored().version();
        return switch (written.change()) {
            case CREATED -> Response.created(URI.create(location)).entity(view).build();
            case REPLACED, SAME -> Response.ok(view).build();
            case STALE -> throw Problems.staleVersion(held, what + " is at version " + held
                    + " already; an older version changes nothing.");
        };
    }
}
