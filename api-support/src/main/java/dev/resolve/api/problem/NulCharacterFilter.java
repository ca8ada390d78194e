package dev.resolve.api.problem;

import dev.resolve.api.json.NulCharacterException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses query and path parameters holding U+0000 ({@code %00}) with a 400 naming each, before any resource sees
 * them: no text column can store the character, so it would otherwise end as a 500. (HTTP itself keeps it out of
 * headers.)
 */
@Provider
public class NulCharacterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<FieldViolation> violations = new ArrayList<>();
        collect(request.getUriInfo().getQueryParameters(), "query", violations);
        collect(request.getUriInfo().getPathParameters(), "path", violations);
        if (!violations.isEmpty()) {
            throw Problems.validation(violations);
        }
    }

    private static void collect(MultivaluedMap<String, String> values, String in, List<FieldViolation> violations) {
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (entry.getValue().stream().anyMatch(value -> value != null && value.indexOf('\u0000') >= 0)) {
                violations.add(new FieldViolation(in, entry.getKey(), NulCharacterException.MESSAGE));
            }
        }
    }
}
