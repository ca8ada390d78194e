package dev.resolve.intake.domain;

/** Where a request stands at intake; case-service owns everything after logging. */
public enum RequestStatus {
    LOGGED
}
