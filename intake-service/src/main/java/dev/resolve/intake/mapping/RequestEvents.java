package dev.resolve.intake.mapping;

import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.intake.domain.CustomerRequest;

/** What intake's events say about a request. */
public final class RequestEvents {

    private RequestEvents() {
    }

    public static RequestLogged logged(CustomerRequest request) {
        return new RequestLogged(request.id(), request.number(), request.channel().name(), request.type().name(),
                request.customerReference(), request.subject(), request.description(),
                request.disputedAmount().orElse(null), request.invoiceNumber(), request.type().financial(),
                request.loggedAt());
    }
}
