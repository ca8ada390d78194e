package dev.resolve.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link LocalSuite} was built with, copied out of its {@link LocalSuite.Builder} (which may go on being
 * changed and used for another suite) and handed to the parts that need it.
 *
 * @param dataDirectory absolute and normalized; null for a temporary one, made by {@link DataFolder#prepare()}
 * @param services in {@link LocalSuite#ALL_SERVICES} order
 * @param systemProperties by service name, or {@code "*"} for every service
 */
record SuiteSettings(Path repository, Path dataDirectory, boolean fresh, LocalSuite.PortMode portMode,
        List<String> services, Map<String, Map<String, String>> systemProperties, List<String> jvmOptions,
        Duration readyTimeout, Consumer<String> progress) {
}
