package dev.resolve.contracts.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versioned event type string used on the wire: {@code <Name>.v<version>}, such as {@code CaseOpened.v1}. */
public record EventTypeName(String name, int version) {

    private static final Pattern FORMAT = Pattern.compile("([A-Z][A-Za-z0-9]{0,99})\\.v([1-9][0-9]{0,5})");

    public static String of(String name, int version) {
        return name + ".v" + version;
    }

    /** Parses {@code RequestLogged.v1}; throws {@link IllegalArgumentException} for anything else. */
    public static EventTypeName parse(String value) {
        Matcher matcher = value == null ? null : FORMAT.matcher(value);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("not a versioned event type (expected Name.vN): " + value);
        }
        return new EventTypeName(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    @Override
    public String toString() {
        return of(name, version);
    }
}
