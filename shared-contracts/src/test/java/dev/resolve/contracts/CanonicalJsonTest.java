package dev.resolve.contracts;

import dev.resolve.contracts.json.CanonicalJson;
import dev.resolve.contracts.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    @Test
    void shouldWriteTheSameTextWhateverTheMemberOrderOrSpacing() throws Exception {
        var a = Json.mapper().readTree("{\"b\": [ {\"y\":1,\"x\":\"2.50\"} ], \"a\": null}");
        var b = Json.mapper().readTree("{\"a\":null,\"b\":[{\"x\":\"2.50\",\"y\":1}]}");
        assertThat(CanonicalJson.write(a)).isEqualTo("{\"a\":null,\"b\":[{\"x\":\"2.50\",\"y\":1}]}");
        assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b)).hasSize(64);
    }

    @Test
    void shouldTellDifferentValuesApart() throws Exception {
        var a = Json.mapper().readTree("{\"amount\":\"2.50\"}");
        var b = Json.mapper().readTree("{\"amount\":\"2.5\"}");
        assertThat(CanonicalJson.sha256(a)).isNotEqualTo(CanonicalJson.sha256(b));
    }
}
