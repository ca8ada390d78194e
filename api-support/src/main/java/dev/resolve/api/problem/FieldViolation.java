package dev.resolve.api.problem;

import io.quarkiverse.resteasy.problem.validation.Violation;

/**
 * One invalid input: where it is ({@code body}, {@code query}, {@code path}, {@code header}), its name or JSON
 * path (such as {@code disputedAmount.currency}), and what is wrong with it.
 */
public record FieldViolation(String in, String field, String message) {

    public static FieldViolation body(String field, String message) {
        return new FieldViolation("body", field, message);
    }

    public static FieldViolation query(String field, String message) {
        return new FieldViolation("query", field, message);
    }

    public static FieldViolation path(String field, String message) {
        return new FieldViolation("path", field, message);
    }

    public static FieldViolation header(String field, String message) {
        return new FieldViolation("header", field, message);
    }

    Violation toViolation() {
        Violation.In location = switch (in) {
            case "query" -> Violation.In.query;
            case "path" -> Violation.In.path;
            case "header" -> Violation.In.header;
            case "form" -> Violation.In.form;
            case "body" -> Violation.In.body;
            default -> Violation.In.unknown;
        };
        return location.field(field).message(message);
    }
}
