package dev.resolve.intake.mapping;

import dev.resolve.api.mapping.WireMoney;
import dev.resolve.contracts.vocabulary.Vocabulary;
import dev.resolve.intake.api.generated.beans.Channel;
import dev.resolve.intake.api.generated.beans.Money;
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
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 when the disputed amount is not money (see
     *         {@link WireMoney})
     */
    public static CustomerRequest.Content content(NewServiceRequest body) {
        Money amount = body.getDisputedAmount();
        return new CustomerRequest.Content(
                Vocabulary.as(body.getChannel(), Vocabulary.Channel.class),
                body.getCustomerReference(),
                Vocabulary.as(body.getType(), Vocabulary.RequestType.class),
                body.getSubject(),
                body.getDescription(),
                amount == null ? null : WireMoney.read("disputedAmount", amount.getAmount(), amount.getCurrency()),
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
        request.disputedAmount().ifPresent(disputed -> {
            Money money = new Money();
            money.setAmount(disputed.amountText());
            money.setCurrency(disputed.currency());
            view.setDisputedAmount(money);
        });
        view.setInvoiceNumber(request.invoiceNumber());
        view.setStatus(Vocabulary.as(request.status(), RequestStatus.class));
        view.setLoggedAt(Date.from(request.loggedAt()));
        return view;
    }
}
