package dev.resolve.plumbing.inbox;

import dev.resolve.contracts.events.EventEnvelope;

/** A consumed event: its envelope and its payload read into the handler's type. */
public record ReceivedEvent<P>(EventEnvelope envelope, P payload) {
}
