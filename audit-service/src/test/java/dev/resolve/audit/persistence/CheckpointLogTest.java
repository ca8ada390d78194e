package dev.resolve.audit.persistence;

import dev.resolve.audit.domain.ChainCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** The append-only checkpoint log: appended line by line, read back from its end, whole after a cut-short write. */
class CheckpointLogTest {

    @TempDir
    Path folder;

    @Test
    void shouldAppendLinesAndReadTheLastOne() throws IOException {
        CheckpointLog log = new CheckpointLog(folder.resolve("nested/checkpoints.ndjson"));
        assertThat(log.last()).isEmpty();
        log.append(checkpoint(1));
        log.append(checkpoint(2));
        assertThat(log.last()).contains(checkpoint(2));
        assertThat(Files.readAllLines(log.file())).hasSize(2);
    }

    @Test
    void shouldStartANewLineAfterAWriteACrashCutShort() throws IOException {
        CheckpointLog log = new CheckpointLog(folder.resolve("checkpoints.ndjson"));
        log.append(checkpoint(1));
        Files.writeString(log.file(), "{\"sequence\":2,\"ha", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(log.last()).contains(checkpoint(1));
        log.append(checkpoint(3));
        assertThat(log.last()).contains(checkpoint(3));
        assertThat(Files.readAllLines(log.file())).hasSize(3).last().asString().startsWith("{");
    }

    private static ChainCheckpoint checkpoint(long sequence) {
        return new ChainCheckpoint(sequence, "a".repeat(64), "2026-11-30T22:00:00.123456Z", "0123456789abcdef",
                ChainCheckpoint.ED25519, "c2lnbmF0dXJl");
    }
}
