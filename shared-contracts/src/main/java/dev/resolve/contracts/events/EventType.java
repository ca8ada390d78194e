package dev.resolve.contracts.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the event a payload record carries and the schema version it follows. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The short, past-tense event name, such as {@code RequestLogged}. */
    String name();

    /** The payload schema version. */
    int version();

    /** The aggregate the event belongs to; decides the topic. */
    Aggregate aggregate();
}
