package dev.resolve.intake.mapping;

import dev.resolve.api.mapping.BodyReader;
import dev.resolve.contracts.money.Money;
import dev.resolve.contracts.vocabulary.Vocabulary;
import dev.resolve.intake.api.generated.beans.Channel;
import dev.resolve.intake.api.generated.beans.NewServiceRequest;
import dev.resolve.intake.api.generated.beans.RequestStatus;
import dev.resolve.intake.api.generated.beans.RequestType;
import dev.resolve.intake.api.generated.beans.ServiceRequest;
import dev.resolve.intake.domain.CustomerRequest;

import java.util.Date;

/** Between the requests API's beans and the domain. */
public final class RequestMapping {

    private RequestMapping() {
    }

    /**
     * What the body asks to log.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 when the disputed amount is not money in its currency
     */
    public static CustomerRequest.Content content(NewServiceRequest body) {
        BodyReader reader = new BodyReader();
        Money disputed = WireBeans.money(reader, "disputedAmount", body.getDisputedAmount());
        reader.done();
        return new CustomerRequest.Content(
                Vocabulary.as(body.getChannel(), Vocabulary.Channel.class),
                body.getCustomerReference(),
                Vocabulary.as(body.getType(), Vocabulary.RequestType.class),
                body.getSubject(),
                body.getDescription(),
                disputed,
                body.getInvoiceNumber());
    }

    public static ServiceRequest view(CustomerRequest request) {
        ServiceRequest view = new ServiceRequest();
        view.setId(request.id());
        view.setNumber(request.number());
        view.setChannel(Vocabulary.as(request.channel(), Channel.class));
        view.setCustomerReference(request.customerReference());
        view.setType(Vocabulary.as(request.type(), RequestType.class));
        view.setSubject(request.subject());
        view.setDescription(request.description());
        view.setDisputedAmount(request.disputedAmount().map(WireBeans::amount).orElse(null));
        view.setInvoiceNumber(request.invoiceNumber());
        view.setStatus(Vocabulary.as(request.status(), RequestStatus.class));
        view.setKycHold(request.kycHold());
        view.setKycHoldReason(request.kycHoldReason());
        view.setExternalReference(request.externalReference());
        view.setLoggedAt(Date.from(request.loggedAt()));
        return view;
    }
}
