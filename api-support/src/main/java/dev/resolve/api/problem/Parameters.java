package dev.resolve.api.problem;

import java.util.UUID;

/** Reads path and query parameters the contracts type as text (ids) and answers a 400 naming the bad one. */
public final class Parameters {

    private Parameters() {
    }

    /** The UUID in path parameter {@code name}. */
    public static UUID pathUuid(String name, String value) {
        return uuid(FieldViolation.path(name, "must be a UUID"), value);
    }

    /** The UUID in query parameter {@code name}, or null when it is absent. */
    public static UUID queryUuid(String name, String value) {
        return value == null ? null : uuid(FieldViolation.query(name, "must be a UUID"), value);
    }

    private static UUID uuid(FieldViolation violation, String value) {
        try {
            // UUID.fromString also accepts shortened and signed forms (1-2-3-4-5, +0000000-...); only the canonical
            // text of an id, in either case, is one, so that two texts never name the same object.
            if (value != null && value.length() == 36) {
                UUID id = UUID.fromString(value);
                if (id.toString().equalsIgnoreCase(value)) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the client error below.
        }
        throw Problems.validation(violation);
    }
}
