package dev.resolve.intake.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Something a billing system masters and numbers the versions of (an invoice, a contract): intake holds the newest
 * version it has heard of, and an older one never overwrites it, whichever path and in whatever order versions come.
 *
 * @param <C> what the billing system says about it at one version
 */
@MappedSuperclass
public abstract class BillingVersioned<C> {

    @Column(nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Takes {@code content} at {@code offered} if that version is newer than the one held; says what it did. */
    public VersionedChange replace(C content, long offered) {
        VersionedChange change = VersionedChange.of(version, offered);
        if (change.applies()) {
            take(content, offered);
        }
        return change;
    }

    /** Takes {@code content} as version {@code newVersion}: what creating and replacing share. */
    protected final void take(C content, long newVersion) {
        apply(content);
        moveTo(newVersion);
    }

    /** Records that this now holds version {@code newVersion}. */
    protected final void moveTo(long newVersion) {
        version = newVersion;
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Sets everything {@code content} says. */
    protected abstract void apply(C content);

    /** The billing system's version this holds. */
    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
