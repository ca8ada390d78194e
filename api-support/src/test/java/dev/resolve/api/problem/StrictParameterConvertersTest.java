package dev.resolve.api.problem;

import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictParameterConvertersTest {

    /** As the contracts' generator writes enumerations: the contract's spelling, read by {@code fromValue}. */
    enum Status {
        IN_PROGRESS("in-progress"), DONE("done");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }

        public static Status fromValue(String value) {
            for (Status status : values()) {
                if (status.value.equals(value)) {
                    return status;
                }
            }
            throw new IllegalArgumentException(value);
        }
    }

    /** An enumeration without {@code fromValue}. */
    enum Direction {
        ASC, DESC
    }

    private final StrictParameterConverters converters = new StrictParameterConverters();

    @Test
    void shouldReadWholeNumbersOfEveryIntegerType() {
        assertThat(converter(Integer.class).fromString("25")).isEqualTo(25);
        assertThat(converter(int.class).fromString(" 7 ")).isEqualTo(7);
        assertThat(converter(Long.class).fromString("9000000000")).isEqualTo(9_000_000_000L);
        assertThat(converter(long.class).fromString("-1")).isEqualTo(-1L);
    }

    @Test
    void shouldRefuseWhatIsNotAWholeNumberWithTheValueAndRequirement() {
        for (String value : new String[] {"ten", "", "2.5", "1e3", "2147483648"}) {
            InvalidParameterException error = refusal(converter(Integer.class), value);

            assertThat(error.value()).isEqualTo(value);
            assertThat(error.requirement()).isEqualTo("must be a whole number");
            assertThat(error.getMessage()).isEqualTo("must be a whole number");
            assertThat(error.getResponse().getStatus()).isEqualTo(400);
        }
        assertThat(refusal(converter(Long.class), "9223372036854775808").requirement()).isEqualTo("must be a whole number");
    }

    @Test
    void shouldReadEnumerationsByTheContractsSpelling() {
        ParamConverter<Status> status = converter(Status.class);

        assertThat(status.fromString("in-progress")).isEqualTo(Status.IN_PROGRESS);
        InvalidParameterException error = refusal(status, "IN_PROGRESS");
        assertThat(error.value()).isEqualTo("IN_PROGRESS");
        assertThat(error.requirement()).isEqualTo("must be one of [in-progress, done]");
    }

    @Test
    void shouldReadEnumerationsWithoutFromValueByName() {
        ParamConverter<Direction> direction = converter(Direction.class);

        assertThat(direction.fromString("DESC")).isEqualTo(Direction.DESC);
        assertThat(refusal(direction, "desc").requirement()).isEqualTo("must be one of [ASC, DESC]");
    }

    @Test
    void shouldPassAnAbsentValueThrough() {
        assertThat(converter(Integer.class).fromString(null)).isNull();
        assertThat(converter(Status.class).fromString(null)).isNull();
    }

    @Test
    void shouldWriteValuesAsTheyAreSpelled() {
        assertThat(converter(Status.class).toString(Status.DONE)).isEqualTo("done");
        assertThat(converter(Long.class).toString(42L)).isEqualTo("42");
    }

    @Test
    void shouldLeaveOtherTypesToJaxRs() {
        assertThat(converters.getConverter(String.class, String.class, new Annotation[0])).isNull();
        assertThat(converters.getConverter(Double.class, Double.class, new Annotation[0])).isNull();
    }

    private <T> ParamConverter<T> converter(Class<T> type) {
        ParamConverter<T> converter = converters.getConverter(type, type, new Annotation[0]);
        assertThat(converter).as(type.getName()).isNotNull();
        return converter;
    }

    private static InvalidParameterException refusal(ParamConverter<?> converter, String value) {
        InvalidParameterException error = catchThrowableOfType(InvalidParameterException.class, () -> converter.fromString(value));
        assertThat(error).as(value).isNotNull();
        return error;
    }
}
