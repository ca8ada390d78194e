package dev.resolve.api.idempotency;

import dev.resolve.api.testing.Configs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyConfigTest {

    @Test
    void shouldKeepKeysADayWaitTenSecondsAndCleanUpHourly() {
        IdempotencyConfig config = Configs.mapping(IdempotencyConfig.class, Map.of());

        assertThat(config.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(config.inFlightWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldReadDurationsInBothSpellings() {
        IdempotencyConfig config = Configs.mapping(IdempotencyConfig.class, Map.of(
                "resolve.idempotency.retention", "PT2H", "resolve.idempotency.in-flight-wait", "500ms"));

        assertThat(config.retention()).isEqualTo(Duration.ofHours(2));
        assertThat(config.inFlightWait()).isEqualTo(Duration.ofMillis(500));
    }
}
