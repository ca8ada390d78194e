package dev.resolve.intake.domain;

/** Where a request came in. */
public enum Channel {
    PORTAL, EMAIL, SERVICE_DESK
}
