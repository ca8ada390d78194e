package dev.resolve.cases.api;

import dev.resolve.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import dev.resolve.api.context.CallContext;
import dev.resolve.api.paging.Cursor;
import dev.resolve.api.problem.Parameters;
import dev.resolve.api.problem.Problems;
import dev.resolve.cases.api.generated.ApiResource;
import dev.resolve.cases.api.generated.beans.Case;
import dev.resolve.cases.api.generated.beans.CasePage;
import dev.resolve.cases.api.generated.beans.CaseStatus;
import dev.resolve.cases.api.generated.beans.Money;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.cases.persistence.CaseRepository;
import dev.resolve.cases.service.CaseQueries;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Date;
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
        CaseRepository.After after = after(Cursor.decode(cursor, 2));
        CaseQueries.Page page = queries.list(call.caller(), request,
                status == null ? null : dev.resolve.cases.domain.CaseStatus.valueOf(status.name()), after,
                limit == null ? 50 : limit);
        CasePage body = new CasePage();
        body.setItems(page.items().stream().map(CasesResource::view).toList());
        if (page.next() != null) {
            body.setNextCursor(Cursor.of(page.next().openedAt().toString(), page.next().id().toString()).encode());
        }
        return body;
    }

    @Override
    @RolesAllowed({Roles.AGENT, Roles.TEAM_LEAD, Roles.FINANCE_MANAGER, Roles.CONTROLLER, Roles.AUDITOR, Roles.ADMIN, Roles.CUSTOMER})
    public Response getCase(String caseId, String ifNoneMatch) {
        UUID id = Parameters.pathUuid("caseId", caseId);
        ServiceCase found = queries.find(id, call.caller()).orElseThrow(() -> Problems.notFound("No case has the id " + id + "."));
        EntityTag tag = new EntityTag(Long.toString(found.version));
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            return Response.notModified(tag).build();
        }
        return Response.ok(view(found)).tag(tag).build();
    }

    private static boolean matches(String ifNoneMatch, EntityTag tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || value.equals("\"" + tag.getValue() + "\"") || value.equals("W/\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static CaseRepository.After after(Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new CaseRepository.After(Instant.parse(cursor.get(0)), UUID.fromString(cursor.get(1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw Cursor.invalid();
        }
    }

    static Case view(ServiceCase source) {
        Case view = new Case();
        view.setId(source.id);
        view.setRequestId(source.requestId);
        view.setRequestNumber(source.requestNumber);
        view.setCustomerReference(source.customerReference);
        view.setChannel(source.channel);
        view.setType(source.type);
        view.setSubject(source.subject);
        view.setStatus(CaseStatus.valueOf(source.status.name()));
        view.setTeam(source.team);
        view.setFinancial(source.financial);
        if (source.disputedAmount != null) {
            Money money = new Money();
            money.setAmount(source.disputedAmount
                    .setScale(Currency.getInstance(source.disputedCurrency).getDefaultFractionDigits()).toPlainString());
            money.setCurrency(source.disputedCurrency);
            view.setDisputedAmount(money);
        }
        view.setInvoiceNumber(source.invoiceNumber);
        view.setOpenedAt(Date.from(source.openedAt));
        view.setUpdatedAt(Date.from(source.updatedAt));
        view.setVersion(source.version);
        return view;
    }
}
