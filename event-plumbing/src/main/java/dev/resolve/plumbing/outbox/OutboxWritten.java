package dev.resolve.plumbing.outbox;

/** Fired when an outbox row is written; observed after commit to wake the relay. */
public record OutboxWritten(String topic) {
}
