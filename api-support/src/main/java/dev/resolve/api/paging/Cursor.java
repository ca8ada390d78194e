package dev.resolve.api.paging;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.resolve.api.problem.FieldViolation;
import dev.resolve.api.problem.Problems;
import dev.resolve.contracts.json.Json;
import io.quarkiverse.resteasy.problem.HttpProblem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An opaque keyset cursor: the sort key values of the last item of a page, base64url-encoded. Clients pass it back
 * unchanged as {@code cursor}; anything else gets a 400.
 */
public record Cursor(List<String> values) {

    public static Cursor of(String... values) {
        return new Cursor(List.of(values));
    }

    public String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.mapper().writeValueAsBytes(values));
        } catch (Exception e) {
            throw new IllegalStateException("Cursor could not be written", e);
        }
    }

    /**
     * Reads a cursor issued by {@link #encode()} with {@code size} values, or returns {@code null} for none.
     *
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 when it is not such a cursor
     */
    public static Cursor decode(String text, int size) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            List<String> values = Json.mapper().readValue(
                    new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8), new TypeReference<>() { });
            if (values.size() == size && values.stream().allMatch(value -> value != null)) {
                return new Cursor(values);
            }
        } catch (Exception e) {
            // Falls through to the client error below.
        }
        throw invalid();
    }

    /**
     * Reads a cursor issued by {@link #encode()} with {@code size} values into the key it holds, or returns
     * {@code null} for none.
     *
     * @param reader turns the values into the key; any exception it throws means the cursor is not one the API issued
     * @throws io.quarkiverse.resteasy.problem.HttpProblem 400 when it is not such a cursor
     */
    public static <K> K decode(String text, int size, Function<Cursor, K> reader) {
        Cursor cursor = decode(text, size);
        if (cursor == null) {
            return null;
        }
        try {
            return Objects.requireNonNull(reader.apply(cursor));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** The 400 for a {@code cursor} that decodes but does not hold what the API put in it. */
    public static HttpProblem invalid() {
        return Problems.validation(FieldViolation.query("cursor", "is not a cursor this API issued; use nextCursor from a previous page"));
    }

    public String get(int index) {
        return values.get(index);
    }
}
