package dev.resolve.api.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ETagsTest {

    @Test
    void shouldTagAVersionStrongly() {
        assertThat(ETags.of(7).toString()).isEqualTo("\"7\"");
    }

    @Test
    void shouldMatchTheVersionInAnyFormAClientSendsItBack() {
        assertThat(ETags.matches("\"7\"", 7)).isTrue();
        assertThat(ETags.matches("W/\"7\"", 7)).isTrue();
        assertThat(ETags.matches("\"5\", \"7\"", 7)).isTrue();
        assertThat(ETags.matches("*", 7)).isTrue();
        assertThat(ETags.matches("\"6\"", 7)).isFalse();
        assertThat(ETags.matches("7", 7)).as("an unquoted tag is not a tag").isFalse();
        assertThat(ETags.matches("\"17\"", 7)).isFalse();
    }
}
