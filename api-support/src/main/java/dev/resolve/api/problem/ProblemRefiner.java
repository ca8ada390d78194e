package dev.resolve.api.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.resolve.api.json.NulCharacterException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes the 400 problems of the problem extension precise for contract-first resources: violations name the JSON
 * field or parameter and where it is ({@code body}, {@code query}, {@code path}, {@code header}), reading the
 * JAX-RS annotations from the generated interfaces; unreadable JSON and wrongly typed values get a violation
 * instead of a bare "Bad Request". Runs before the extension logs the problem.
 */
@ApplicationScoped
public class ProblemRefiner implements ProblemPostProcessor {

    /** The violation of a body member the contract does not define, such as one the server owns (id, status). */
    public static final String UNKNOWN_MEMBER = "is not a member of this request body: the contract does not define it,"
            + " or the server sets it (ids, numbers, statuses, timestamps, actors)";

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        ConstraintViolationException violations = find(context.cause, ConstraintViolationException.class);
        if (violations != null) {
            return withInstance(Problems.validation(violations.getConstraintViolations().stream()
                    .map(ProblemRefiner::toFieldViolation)
                    .distinct()
                    .toList()), problem);
        }
        InvalidParameterException parameter = find(context.cause, InvalidParameterException.class);
        if (parameter != null) {
            return withInstance(Problems.validation(parameterViolations(parameter)), problem);
        }
        JsonProcessingException json = find(context.cause, JsonProcessingException.class);
        if (json != null && problem.getStatusCode() == 400) {
            return withInstance(jsonProblem(json), problem);
        }
        return problem;
    }

    /**
     * Names the parameters that carried the value that did not convert. JAX-RS hands converters no parameter
     * names, so they are found in the request's query string; a value not found there was in the path.
     */
    private static List<FieldViolation> parameterViolations(InvalidParameterException e) {
        List<FieldViolation> found = new ArrayList<>();
        InstanceHandle<CurrentVertxRequest> request = Arc.container().instance(CurrentVertxRequest.class);
        RoutingContext current = request.isAvailable() ? request.get().getCurrent() : null;
        if (current != null) {
            current.queryParams().forEach((name, value) -> {
                if (value.equals(e.value())) {
                    found.add(FieldViolation.query(name, e.requirement()));
                }
            });
        }
        if (found.isEmpty()) {
            found.add(FieldViolation.path("", e.requirement() + ", not '" + e.value() + "'"));
        }
        return found;
    }

    private static HttpProblem withInstance(HttpProblem refined, HttpProblem original) {
        return original.getInstance() == null ? refined : HttpProblem.builder(refined).withInstance(original.getInstance()).build();
    }

    private static HttpProblem jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e instanceof StreamReadException) && !mapping.getPath().isEmpty()) {
            return Problems.validation(FieldViolation.body(jsonPath(mapping.getPath()), typeMessage(mapping)));
        }
        if (e instanceof MismatchedInputException mismatch) {
            return Problems.validation(FieldViolation.body("", "the request body must be " + jsonKind(mismatch.getTargetType())));
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return HttpProblem.builder()
                .withStatus(400)
                .withTitle("Bad Request")
                .withType(ProblemTypes.MALFORMED_JSON)
                .withDetail("The request body is not valid JSON" + where + ".")
                .build();
    }

    private static String typeMessage(JsonMappingException e) {
        if (e instanceof NulCharacterException) {
            return NulCharacterException.MESSAGE;
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return UNKNOWN_MEMBER;
        }
        Class<?> target = null;
        if (e instanceof InvalidFormatException invalid) {
            target = invalid.getTargetType();
        } else if (e instanceof MismatchedInputException mismatch) {
            target = mismatch.getTargetType();
        } else if (e instanceof ValueInstantiationException instantiation && instantiation.getType() != null) {
            target = instantiation.getType().getRawClass();
        }
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return "must be " + jsonKind(target);
    }

    private static String jsonKind(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == java.util.UUID.class) {
            return "a UUID such as 3f6c1d2a-8b4e-4c1f-9a7d-2e5b8c9d0a11";
        }
        if (target == java.time.LocalDate.class) {
            return "a date such as 2026-11-30";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return "an ISO 8601 time such as 2026-11-30T09:15:00Z";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.") ? "an object" : "of another type";
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static FieldViolation toFieldViolation(ConstraintViolation<?> violation) {
        Deque<Path.Node> nodes = new ArrayDeque<>();
        violation.getPropertyPath().forEach(nodes::add);
        Path.Node first = nodes.peekFirst();
        if (first == null || first.getKind() != ElementKind.METHOD) {
            return FieldViolation.body(propertyPath(nodes.iterator()), violation.getMessage());
        }
        nodes.removeFirst();
        Path.Node parameter = nodes.pollFirst();
        if (parameter == null || parameter.getKind() != ElementKind.PARAMETER) {
            return FieldViolation.body("", violation.getMessage());
        }
        int index = parameter.as(Path.ParameterNode.class).getParameterIndex();
        Object[] arguments = violation.getExecutableParameters();
        Optional<FieldViolation> annotated = parameterAnnotations(violation.getRootBeanClass(), first.getName(),
                arguments == null ? -1 : arguments.length, index)
                .flatMap(annotations -> fromAnnotations(annotations, violation.getMessage()));
        if (annotated.isPresent()) {
            return annotated.get();
        }
        String field = propertyPath(nodes.iterator());
        return FieldViolation.body(field, field.isEmpty() && violation.getInvalidValue() == null
                ? "a request body is required"
                : violation.getMessage());
    }

    private static Optional<FieldViolation> fromAnnotations(Annotation[] annotations, String message) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return Optional.of(FieldViolation.query(query.value(), message));
            } else if (annotation instanceof PathParam path) {
                return Optional.of(FieldViolation.path(path.value(), message));
            } else if (annotation instanceof HeaderParam header) {
                return Optional.of(FieldViolation.header(header.value(), message));
            } else if (annotation instanceof FormParam form) {
                return Optional.of(new FieldViolation("form", form.value(), message));
            } else if (annotation instanceof CookieParam cookie) {
                return Optional.of(new FieldViolation("cookie", cookie.value(), message));
            }
        }
        return Optional.empty();
    }

    /** The annotations of parameter {@code index}, from the first declaration in the type hierarchy that has JAX-RS ones. */
    private static Optional<Annotation[]> parameterAnnotations(Class<?> type, String method, int arity, int index) {
        List<Class<?>> types = new ArrayList<>();
        collectTypes(type, types);
        for (Class<?> candidate : types) {
            for (Method declared : candidate.getDeclaredMethods()) {
                if (declared.getName().equals(method) && (arity < 0 || declared.getParameterCount() == arity)
                        && index < declared.getParameterCount()) {
                    Annotation[] annotations = declared.getParameterAnnotations()[index];
                    if (fromAnnotations(annotations, "").isPresent()) {
                        return Optional.of(annotations);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void collectTypes(Class<?> type, List<Class<?>> into) {
        if (type == null || type == Object.class || into.contains(type)) {
            return;
        }
        into.add(type);
        for (Class<?> implemented : type.getInterfaces()) {
            collectTypes(implemented, into);
        }
        collectTypes(type.getSuperclass(), into);
    }

    private static String propertyPath(Iterator<Path.Node> nodes) {
        StringBuilder text = new StringBuilder();
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            if (node.getIndex() != null && !text.isEmpty()) {
                // The index belongs to the container named by the previous node.
                text.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(node.getName());
            }
        }
        return text.toString();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }
}
