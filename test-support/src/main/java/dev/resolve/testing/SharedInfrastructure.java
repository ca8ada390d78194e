package dev.resolve.testing;

import dev.resolve.embedded.EmbeddedKafkaBroker;
import dev.resolve.embedded.EmbeddedPostgresServer;
import dev.resolve.embedded.LocalIdentityProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM
 * exits. Their addresses live in system properties, so every class loader Quarkus creates sees the same servers.
 */
public final class SharedInfrastructure {

    static final String JDBC_URL = "resolve.test.jdbc-url";
    static final String KAFKA = "resolve.test.kafka-bootstrap-servers";
    static final String ADMIN_JDBC_URL = "resolve.test.admin-jdbc-url";
    static final String SCRATCH = "resolve.test.scratch-folder";
    /** Database, role and password of the service under test. */
    public static final String DATABASE = "app";

    private SharedInfrastructure() {
    }

    /** Starts the servers unless this JVM already has them. */
    public static void ensureStarted() {
        synchronized (System.getProperties()) {
            if (System.getProperty(JDBC_URL) != null) {
                return;
            }
            long started = System.nanoTime();
            Path scratch;
            try {
                scratch = Files.createTempDirectory("resolve-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
            postgres.ensureDatabase(DATABASE, DATABASE, DATABASE);
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
                try (Stream<Path> files = Files.walk(scratch)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException ignored) {
                    // temporary files: the operating system cleans up what is left
                }
            }, "test-infrastructure-stop"));
            System.setProperty(JDBC_URL, postgres.jdbcUrl(DATABASE));
            System.setProperty(KAFKA, kafka.bootstrapServers());
            System.setProperty(ADMIN_JDBC_URL, postgres.jdbcUrl("postgres") + "?user=postgres");
            System.setProperty(SCRATCH, scratch.toString());
            System.out.printf("Test infrastructure up in %d ms: %s, Kafka %s%n",
                    (System.nanoTime() - started) / 1_000_000, postgres.jdbcUrl(DATABASE), kafka.bootstrapServers());
        }
    }

    public static String jdbcUrl() {
        ensureStarted();
        return System.getProperty(JDBC_URL);
    }

    /** JDBC URL of the server's {@code postgres} database as the superuser (user in the URL, no password). */
    public static String adminJdbcUrl() {
        ensureStarted();
        return System.getProperty(ADMIN_JDBC_URL);
    }

    /**
     * The test JVM's identity provider: its signing key lives in this JVM's scratch folder, and every service under
     * test is configured to trust it ({@link ResolveTestStack}).
     */
    public static LocalIdentityProvider identity() {
        LocalIdentityProvider known = identity;
        if (known == null) {
            // Read once per class loader: tokens are made for nearly every request a test sends.
            known = LocalIdentityProvider.inFolder(scratchFolder("identity"));
            identity = known;
        }
        return known;
    }

    private static volatile LocalIdentityProvider identity;

    /** A folder of this test JVM's scratch space (made if missing), gone with the JVM's temporary files. */
    public static Path scratchFolder(String name) {
        ensureStarted();
        Path folder = Path.of(System.getProperty(SCRATCH)).resolve(name);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String kafkaBootstrapServers() {
        ensureStarted();
        return System.getProperty(KAFKA);
    }
}
