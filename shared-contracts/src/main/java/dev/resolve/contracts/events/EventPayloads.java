package dev.resolve.contracts.events;

import dev.resolve.contracts.events.payload.AuditCheckpointSigned;
import dev.resolve.contracts.events.payload.CaseOpened;
import dev.resolve.contracts.events.payload.ContractUpdated;
import dev.resolve.contracts.events.payload.DisputeRaised;
import dev.resolve.contracts.events.payload.InvoiceIssued;
import dev.resolve.contracts.events.payload.InvoiceUpdated;
import dev.resolve.contracts.events.payload.PaymentReceived;
import dev.resolve.contracts.events.payload.RequestLogged;
import dev.resolve.contracts.events.payload.RequestRejected;

import java.util.List;
import java.util.Optional;

/** Reads the {@link EventType} of payload classes, and knows every payload class of this module. */
public final class EventPayloads {

    /** Every payload record in {@code dev.resolve.contracts.events.payload}. */
    private static final List<Class<?>> TYPES = List.of(RequestLogged.class, RequestRejected.class, CaseOpened.class,
            InvoiceIssued.class, InvoiceUpdated.class, PaymentReceived.class, ContractUpdated.class, DisputeRaised.class,
            AuditCheckpointSigned.class);

    private EventPayloads() {
    }

    /** The event type a payload class is declared for. */
    public static EventType declaration(Class<?> payloadClass) {
        EventType declaration = payloadClass.getAnnotation(EventType.class);
        if (declaration == null) {
            throw new IllegalArgumentException(payloadClass.getName() + " is not annotated with @EventType");
        }
        return declaration;
    }

    /** The versioned type name of a payload class, such as {@code RequestLogged.v1}. */
    public static EventTypeName typeName(Class<?> payloadClass) {
        EventType declaration = declaration(payloadClass);
        return new EventTypeName(declaration.name(), declaration.version());
    }

    /** Every payload class this module declares. */
    public static List<Class<?>> types() {
        return TYPES;
    }

    /** The payload class declared for {@code type}, if this module has one. */
    public static Optional<Class<?>> forType(EventTypeName type) {
        return TYPES.stream().filter(payloadClass -> typeName(payloadClass).equals(type)).findFirst();
    }
}
