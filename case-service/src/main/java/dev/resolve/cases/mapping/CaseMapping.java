package dev.resolve.cases.mapping;

import dev.resolve.api.paging.Page;
import dev.resolve.cases.api.generated.beans.Case;
import dev.resolve.cases.api.generated.beans.CasePage;
import dev.resolve.cases.api.generated.beans.CaseStatus;
import dev.resolve.cases.api.generated.beans.Amount;
import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary;

import java.util.Date;

/** Between the cases API's beans and the domain. */
public final class CaseMapping {

    private CaseMapping() {
    }

    /** The status a client filters by, or null for any. */
    public static ServiceCase.Status status(CaseStatus status) {
        return Vocabulary.as(status, ServiceCase.Status.class);
    }

    public static CasePage view(Page<ServiceCase> page) {
        CasePage view = new CasePage();
        view.setItems(page.items().stream().map(CaseMapping::view).toList());
        view.setNextCursor(page.nextCursor());
        return view;
    }

    public static Case view(ServiceCase source) {
        Case view = new Case();
        view.setId(source.id());
        view.setRequestId(source.requestId());
        view.setRequestNumber(source.requestNumber());
        view.setCustomerReference(source.customerReference());
        view.setChannel(source.channel());
        view.setType(source.type());
        view.setSubject(source.subject());
        view.setStatus(Vocabulary.as(source.status(), CaseStatus.class));
        view.setTeam(source.team());
        view.setFinancial(source.financial());
        view.setDisputedAmount(source.disputedAmount().map(CaseMapping::amount).orElse(null));
        ServiceCase.Snapshot snapshot = source.snapshot();
        view.setKycHold(snapshot.kycHold());
        view.setKycHoldReason(snapshot.kycHoldReason());
        view.setCustomerTier(snapshot.customerTier());
        view.setInvoiceOpenAmount(snapshot.invoiceOpenAmount() == null ? null : amount(snapshot.invoiceOpenAmount()));
        view.setInvoiceNumber(source.invoiceNumber());
        view.setOpenedAt(Date.from(source.openedAt()));
        view.setUpdatedAt(Date.from(source.updatedAt()));
        view.setVersion(source.version());
        return view;
    }

    private static Amount amount(Money money) {
        Amount amount = new Amount();
        amount.setAmount(money.amountText());
        amount.setCurrency(money.currency());
        return amount;
    }
}
