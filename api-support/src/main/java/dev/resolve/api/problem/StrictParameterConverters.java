package dev.resolve.api.problem;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts whole-number and enumeration parameters so that a value that does not fit is a 400 naming the
 * parameter (see {@link ProblemRefiner}) ({@code limit must be a whole number}, {@code status must be one of [NEW]}), never a 404.
 * Enumerations are read by the value the contract spells (the generated {@code fromValue}), else by name.
 */
@Provider
public class StrictParameterConverters implements ParamConverterProvider {

    private static final Map<Class<?>, Function<String, ?>> NUMBERS = Map.of(
            Integer.class, Integer::valueOf, int.class, Integer::valueOf,
            Long.class, Long::valueOf, long.class, Long::valueOf);

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Function<String, ?> numbers = NUMBERS.get(rawType);
        if (numbers != null) {
            return (ParamConverter<T>) new Converter<>(text -> numbers.apply(text.trim()), "must be a whole number");
        }
        if (rawType.isEnum()) {
            String allowed = Arrays.stream(rawType.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
            return new Converter<>(enumReader(rawType), "must be one of " + allowed);
        }
        return null;
    }

    private static <T> Function<String, T> enumReader(Class<T> type) {
        try {
            Method fromValue = type.getMethod("fromValue", String.class);
            if (Modifier.isStatic(fromValue.getModifiers())) {
                return text -> {
                    try {
                        return type.cast(fromValue.invoke(null, text));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalArgumentException(e);
                    }
                };
            }
        } catch (NoSuchMethodException e) {
            // Read by constant name below.
        }
        return text -> {
            for (T constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(text);
        };
    }

    private record Converter<T>(Function<String, T> reader, String requirement) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return reader.apply(value);
            } catch (RuntimeException e) {
                throw new InvalidParameterException(value, requirement);
            }
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
