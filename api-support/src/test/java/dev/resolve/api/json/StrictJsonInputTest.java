package dev.resolve.api.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictJsonInputTest {

    record Request(String title, String amount, Integer count, List<String> tags, Map<String, String> labels) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    StrictJsonInputTest() {
        new StrictJsonInput().customize(mapper);
    }

    @Test
    void shouldReadStringsAsJacksonDoes() throws Exception {
        Request request = mapper.readValue("""
                {"title":"Refund \\u00e9 \\"quoted\\"","amount":"12.50","count":3,"tags":["a",null],"labels":{"k":"v"}}""",
                Request.class);

        assertThat(request.title()).isEqualTo("Refund é \"quoted\"");
        assertThat(request.amount()).isEqualTo("12.50");
        assertThat(request.count()).isEqualTo(3);
        assertThat(request.tags()).containsExactly("a", null);
        assertThat(request.labels()).containsEntry("k", "v");
        assertThat(mapper.readValue("{\"title\":null}", Request.class).title()).isNull();
    }

    @Test
    void shouldRefuseANumberOrBooleanWhereTheContractSaysString() {
        for (String value : new String[] {"12.5", "12", "true"}) {
            MismatchedInputException error = refusal("{\"amount\":" + value + "}", MismatchedInputException.class);

            assertThat(error.getPath()).extracting(JsonMappingException.Reference::getFieldName).containsExactly("amount");
            assertThat(error.getTargetType()).isEqualTo(String.class);
        }
    }

    @Test
    void shouldRefuseTheNulCharacterInAnyString() {
        NulCharacterException member = refusal("{\"title\":\"a\\u0000b\"}", NulCharacterException.class);
        NulCharacterException element = refusal("{\"tags\":[\"ok\",\"\\u0000\"]}", NulCharacterException.class);
        NulCharacterException value = refusal("{\"labels\":{\"k\":\"v\\u0000\"}}", NulCharacterException.class);

        assertThat(member.getOriginalMessage()).isEqualTo(NulCharacterException.MESSAGE)
                .isEqualTo("must not contain the NUL character (U+0000)");
        assertThat(member.getValue()).isEqualTo("a\u0000b");
        assertThat(member.getPath()).extracting(JsonMappingException.Reference::getFieldName).containsExactly("title");
        assertThat(element.getPath()).extracting(JsonMappingException.Reference::getIndex).containsExactly(-1, 1);
        assertThat(value.getPath()).extracting(JsonMappingException.Reference::getFieldName).containsExactly("labels", "k");
    }

    private <T extends Exception> T refusal(String json, Class<T> type) {
        T error = catchThrowableOfType(type, () -> mapper.readValue(json, Request.class));
        assertThat(error).as(json).isNotNull();
        return error;
    }
}
