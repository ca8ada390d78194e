package dev.resolve.launcher;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the durations of the command lines ({@code ./resolve-local token --ttl}, {@code ./resolve-bench}):
 * {@code 180s}, {@code 3m}, {@code 500ms}, {@code 8h}, {@code 2d}, {@code 90}.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");

    private Durations() {
    }

    /** {@code 180s}, {@code 3m}, {@code 1.5m}, {@code 500ms}, {@code 1h} or {@code 2d}; a bare number is seconds. */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (for example 180s, 3m, 500ms, 8h)");
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            case "d" -> value * 86_400_000;
            default -> throw new IllegalStateException(unit);
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** {@code 180s}, {@code 500ms}, {@code 1.5s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis < 1_000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1_000.0);
    }
}
