package dev.resolve.testing;

import dev.resolve.embedded.EmbeddedKafkaBroker;
import dev.resolve.embedded.EmbeddedPostgresServer;

/**
 * One embedded PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM
 * exits. Their addresses live in system properties, so every class loader Quarkus creates sees the same servers.
 */
public final class SharedInfrastructure {

    static final String JDBC_URL = "resolve.test.jdbc-url";
    static final String KAFKA = "resolve.test.kafka-bootstrap-servers";
    static final String ADMIN_JDBC_URL = "resolve.test.admin-jdbc-url";
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
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
            postgres.ensureDatabase(DATABASE, DATABASE, DATABASE);
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
            }, "test-infrastructure-stop"));
            System.setProperty(JDBC_URL, postgres.jdbcUrl(DATABASE));
            System.setProperty(KAFKA, kafka.bootstrapServers());
            System.setProperty(ADMIN_JDBC_URL, postgres.jdbcUrl("postgres") + "?user=postgres");
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

    public static String kafkaBootstrapServers() {
        ensureStarted();
        return System.getProperty(KAFKA);
    }
}
