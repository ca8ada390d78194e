package dev.resolve.api.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query or path parameter whose text does not convert to its declared type. Thrown by
 * {@link StrictParameterConverters}; {@link ProblemRefiner} turns it into a 400 validation problem naming the
 * parameter, instead of the bare 404 JAX-RS prescribes for a query or path parameter that does not convert.
 */
public class InvalidParameterException extends BadRequestException {

    private final String value;
    private final String requirement;

    /**
     * @param value the text that did not convert
     * @param requirement what the value must be, such as {@code must be a whole number}
     */
    public InvalidParameterException(String value, String requirement) {
        super(requirement);
        this.value = value;
        this.requirement = requirement;
    }

    public String value() {
        return value;
    }

    public String requirement() {
        return requirement;
    }
}
