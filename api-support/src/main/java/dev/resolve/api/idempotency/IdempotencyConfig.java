package dev.resolve.api.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of Idempotency-Key handling ({@code resolve.idempotency.*}). */
@ConfigMapping(prefix = "resolve.idempotency")
public interface IdempotencyConfig {

    /** How long a key and its stored answer are kept; a retry after that is processed as a new request. */
    @WithDefault("PT24H")
    Duration retention();

    /** How long a retry waits for an attempt with the same key that is still in flight before it gets 409. */
    @WithDefault("10s")
    Duration inFlightWait();

    /** How often expired keys are deleted. */
    @WithDefault("1h")
    Duration cleanupInterval();
}
