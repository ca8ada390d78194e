package dev.resolve.api.http;

import jakarta.ws.rs.core.EntityTag;

/**
 * Entity tags of versioned resources: the version as a strong tag ({@code "7"}), and the {@code If-Match} and
 * {@code If-None-Match} lists clients send back ({@code *}, several tags, weak ones).
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Whether a {@code If-Match} or {@code If-None-Match} header value names {@code version} (or is {@code *}). */
    public static boolean matches(String header, long version) {
        String tag = Long.toString(version);
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || value.equals("\"" + tag + "\"") || value.equals("W/\"" + tag + "\"")) {
                return true;
            }
        }
        return false;
    }
}
