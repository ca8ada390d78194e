package dev.resolve.api.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Configuration mappings read as SmallRye Config reads them in a service (with Quarkus' converters, so durations
 * such as {@code 10s} work), without starting one.
 */
public final class Configs {

    /** The defaults every service shares, shipped in api-support. */
    private static final String SHARED_DEFAULTS = "META-INF/microprofile-config.properties";

    private Configs() {
    }

    /** {@code type} with only its own defaults and {@code properties}. */
    public static <T> T mapping(Class<T> type, Map<String, String> properties) {
        return mapping(type, "prod", new PropertiesConfigSource(properties, "test properties", 500));
    }

    /** {@code type} as a service sees it in {@code profile} (such as {@code prod} or {@code test}) with the shared defaults. */
    public static <T> T sharedMapping(Class<T> type, String profile) {
        try {
            return mapping(type, profile, new PropertiesConfigSource(type.getClassLoader().getResource(SHARED_DEFAULTS), 100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T mapping(Class<T> type, String profile, ConfigSource source) {
        return new SmallRyeConfigBuilder()
                .addDiscoveredConverters()
                .withProfile(profile)
                .withSources(source)
                .withMapping(type)
                .build()
                .getConfigMapping(type);
    }
}
