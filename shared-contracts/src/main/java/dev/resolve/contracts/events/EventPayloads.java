package dev.resolve.contracts.events;

/** Reads the {@link EventType} of payload classes. */
public final class EventPayloads {

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
}
