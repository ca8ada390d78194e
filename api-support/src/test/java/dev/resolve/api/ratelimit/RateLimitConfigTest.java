package dev.resolve.api.ratelimit;

import dev.resolve.api.testing.Configs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RateLimitConfigTest {

    @Test
    void shouldLimitToTenWritesASecondInBurstsOfTwentyByDefault() {
        RateLimitConfig config = Configs.mapping(RateLimitConfig.class, Map.of());

        assertThat(config.enabled()).isTrue();
        assertThat(config.perSecond()).isEqualTo(10.0);
        assertThat(config.burst()).isEqualTo(20);
        assertThat(config.rolePerSecond()).isEmpty();
    }

    @Test
    void shouldReadRoleRatesByRoleName() {
        RateLimitConfig config = Configs.mapping(RateLimitConfig.class, Map.of(
                "resolve.rate-limit.role-per-second.billing-system", "200",
                "resolve.rate-limit.role-per-second.importer", "12.5",
                "resolve.rate-limit.enabled", "false"));

        assertThat(config.rolePerSecond()).containsOnly(entry("billing-system", 200.0), entry("importer", 12.5));
        assertThat(config.enabled()).isFalse();
    }

    @Test
    void shouldLetBillingSystemsWriteFasterInEveryService() {
        RateLimitConfig config = Configs.sharedMapping(RateLimitConfig.class, "prod");

        assertThat(config.perSecond()).isEqualTo(10.0);
        assertThat(config.burst()).isEqualTo(20);
        assertThat(config.rolePerSecond()).containsOnly(entry("billing-system", 200.0));
    }

    @Test
    void shouldLiftTheLimitInTests() {
        RateLimitConfig config = Configs.sharedMapping(RateLimitConfig.class, "test");

        assertThat(config.perSecond()).isEqualTo(100_000.0);
        assertThat(config.burst()).isEqualTo(100_000);
    }
}
