package dev.resolve.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Configuration of the Prometheus view of the KPIs ({@code resolve.metrics.*}). */
@ConfigMapping(prefix = "resolve.metrics")
public interface MetricsConfig {

    /**
     * How often the meters re-read the counts from the database. Events this instance applies refresh them at
     * once; this picks up what other instances applied.
     */
    @WithDefault("5s")
    Duration refreshInterval();
}
