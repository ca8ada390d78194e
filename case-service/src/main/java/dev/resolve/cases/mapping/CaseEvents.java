package dev.resolve.cases.mapping;

import dev.resolve.cases.domain.ServiceCase;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.RequestLogged;

/** Between the events case-service reads and writes and its domain. */
public final class CaseEvents {

    private CaseEvents() {
    }

    /** The request that {@code logged} announces. */
    public static ServiceCase.Request request(RequestLogged logged) {
        return new ServiceCase.Request(logged.requestId(), logged.requestNumber(), logged.customerReference(),
                logged.channel(), logged.type(), logged.subject(), logged.financial(), logged.disputedAmount(),
                logged.invoiceNumber(), new ServiceCase.Snapshot(logged.kycHold(), logged.kycHoldReason(),
                        logged.customer() == null ? null : logged.customer().tier(),
                        logged.invoice() == null ? null : logged.invoice().openAmount()));
    }

    public static CaseOpened opened(ServiceCase opened) {
        return new CaseOpened(opened.id(), opened.requestId(), opened.requestNumber(), opened.customerReference(),
                opened.channel(), opened.type(), opened.status().name(), opened.disputedAmount().orElse(null),
                opened.invoiceNumber(), opened.financial(), opened.openedAt(), opened.team());
    }
}
