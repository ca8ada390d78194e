package dev.resolve.launcher;

import dev.resolve.embedded.LocalIdentityProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ./resolve-local token}: its options, its errors, and the token it prints. */
class TokensTest {

    @Test
    void shouldReadEveryOption() {
        Tokens.Request request = Tokens.parse("--user", "ann", "--roles", "agent,team-lead", "--team", "billing",
                "--name=Ann Agent", "--ttl", "8h");
        assertThat(request.caller().user()).isEqualTo("ann");
        assertThat(request.caller().roles()).containsExactly("agent", "team-lead");
        assertThat(request.caller().team()).isEqualTo("billing");
        assertThat(request.caller().name()).isEqualTo("Ann Agent");
        assertThat(request.ttl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void shouldRefuseWhatCannotBeAToken() {
        assertThatThrownBy(() -> Tokens.parse("--roles", "agent")).hasMessageContaining("--user is required");
        assertThatThrownBy(() -> Tokens.parse("--user", "u")).hasMessageContaining("--roles is required");
        assertThatThrownBy(() -> Tokens.parse("--user", "u", "--roles", "root")).hasMessageContaining("Unknown role 'root'");
        assertThatThrownBy(() -> Tokens.parse("--user", "u", "--roles", "customer"))
                .hasMessageContaining("needs --customer");
        assertThatThrownBy(() -> Tokens.parse("--user", "u", "--roles", "agent", "--ttl", "forever"))
                .hasMessageContaining("--ttl must be like");
        assertThatThrownBy(() -> Tokens.parse("--user", "u", "--roles", "agent", "--ttl", "31d"))
                .hasMessageContaining("at most 30d");
        assertThatThrownBy(() -> Tokens.parse("--user", "u", "--roles", "agent", "--colour", "red"))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> Tokens.parse("--user")).hasMessageContaining("--user needs a value");
    }

    @Test
    void shouldPrintOneTokenSignedWithTheDataDirectorysKey(@TempDir Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // No key yet: the suite was never started on this data directory.
        assertThat(Tokens.run(data, new PrintStream(out), new PrintStream(err), "--user", "u", "--roles", "agent")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no signing key yet");

        LocalIdentityProvider.inFolder(data.resolve(LocalSuite.IDENTITY_DIRECTORY));
        assertThat(Tokens.run(data, new PrintStream(out), new PrintStream(err), "--user", "cora", "--roles", "customer",
                "--customer", "CUST-1")).isZero();
        String token = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(token.split("\\.")).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"cora\"", "\"customer\":\"CUST-1\"", "\"groups\":[\"customer\"]",
                "\"iss\":\"" + LocalIdentityProvider.ISSUER + "\"");
        assertThat(Tokens.run(data, new PrintStream(out), new PrintStream(err), "--user", "u", "--roles", "nope")).isEqualTo(2);
    }
}
