package dev.resolve.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small helpers the suite's parts share: waiting, timing, and the pieces of their error messages. */
final class SuiteSupport {

    private static final int LOG_TAIL_LINES = 60;

    private SuiteSupport() {
    }

    /** The last lines of a log file, for error messages. */
    static String tail(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return "  (no log written)";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return last.isEmpty() ? "  (log is empty)" : "  | " + String.join("\n  | ", last);
        } catch (IOException | UncheckedIOException e) {
            return "  (cannot read the log: " + e.getMessage() + ")";
        }
    }

    /**
     * The message of {@code e}, and its root cause when it has one: the embedded servers wrap the reason (a port in
     * use, a missing library) a few levels deep.
     */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    /** Seconds since {@code sinceNanos} (a {@link System#nanoTime()}), for progress lines. */
    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** Sleeps between polls; an interrupt ends the start-up, with the interrupt flag set again. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalSuiteException("Interrupted during start-up", e);
        }
    }
}
