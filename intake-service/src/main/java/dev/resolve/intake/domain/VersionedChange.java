package dev.resolve.intake.domain;

/**
 * What a versioned write from a billing system did. Billing systems number the versions of each invoice and contract;
 * whichever way and in whatever order versions arrive, an older one never overwrites a newer one.
 */
public enum VersionedChange {
    /** The first version intake heard of. */
    CREATED,
    /** A newer version replaced an older one. */
    REPLACED,
    /** The version intake holds, again (a retry or the same version on the other path): nothing changed. */
    SAME,
    /** An older version than intake holds: nothing changed. */
    STALE;

    /** The change a version {@code offered} makes to what intake holds at {@code held}. */
    public static VersionedChange of(long held, long offered) {
        return offered > held ? REPLACED : offered == held ? SAME : STALE;
    }

    public boolean applies() {
        return this == CREATED || this == REPLACED;
    }
}
