package dev.resolve.audit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.resolve.audit.config.AuditConfig;
import dev.resolve.audit.domain.ChainCheckpoint;
import dev.resolve.contracts.json.Json;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The append-only checkpoint log outside the database: one checkpoint per line (JSON), appended and synced to disk
 * before the checkpoint is recorded anywhere else. Nothing here rewrites or shortens the file. In production it is a
 * location the database's operators cannot write (a write-once bucket, another host's volume).
 */
@ApplicationScoped
public class CheckpointLog {

    /** The longest line read back; a checkpoint's JSON is about 300 bytes. */
    private static final int TAIL = 4096;

    private final Path file;

    @Inject
    public CheckpointLog(AuditConfig config) {
        this(config.checkpoint().logFile());
    }

    /** The log in {@code file}. */
    public CheckpointLog(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** Appends {@code checkpoint} as one line and forces it to disk. */
    public synchronized void append(ChainCheckpoint checkpoint) {
        byte[] line;
        try {
            line = (Json.mapper().writeValueAsString(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A checkpoint could not be written as JSON", e);
        }
        try {
            Path folder = file.getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            boolean cutShort = endsMidLine();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                if (cutShort) {
                    // A write cut short by a crash: end that line, so this checkpoint stands on a line of its own.
                    buffer = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The checkpoint log " + file + " could not be appended to", e);
        }
    }

    private boolean endsMidLine() throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            log.seek(log.length() - 1);
            return log.read() != '\n';
        }
    }

    /** The last complete line's checkpoint, or empty when the log is missing, empty or its last line unreadable. */
    public synchronized Optional<ChainCheckpoint> last() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long length = log.length();
            int size = (int) Math.min(TAIL, length);
            byte[] tail = new byte[size];
            log.seek(length - size);
            log.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return Optional.empty();
            }
            int start = text.lastIndexOf('\n', end - 1) + 1;
            return Optional.of(Json.mapper().readValue(text.substring(start, end), ChainCheckpoint.class));
        } catch (IOException e) {
            Log.errorf("The checkpoint log %s could not be read: %s", file, e.getMessage());
            return Optional.empty();
        }
    }
}
