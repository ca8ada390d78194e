package dev.resolve.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server run from the zonky binaries, with one database (and owning role) per service.
 * Synchronous commit stays on: a committed transaction is on disk before the client hears about it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; kept between runs. {@code null} for a throw-away cluster.
     * @param port the port to listen on, or 0 for any free one
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port > 0 ? port : FreePorts.find())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("timezone", "UTC")
                    // The outbox tables are queues (rows deleted as soon as they are sent): autovacuum visits often.
                    .setServerConfig("autovacuum_naptime", "5s")
                    // Statement statistics for operators and the benchmark (CREATE EXTENSION pg_stat_statements to read them).
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    /** JDBC URL of {@code database} on a server listening on {@code port} of this machine. */
    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates the login role and the database it owns, unless they exist already. */
    public void ensureDatabase(String database, String user, String password) {
        asSuperuser(database, user, password, (connection, statement) -> {
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                statement.execute("CREATE DATABASE " + database + " OWNER " + user);
            }
        });
    }

    /**
     * Creates a login role that owns nothing, unless it exists, and lets it connect to {@code database} (which must
     * exist): a service's runtime login, whose table rights the owner's migrations grant.
     */
    public void ensureLoginRole(String database, String user, String password) {
        asSuperuser(database, user, password,
                (connection, statement) -> statement.execute("GRANT CONNECT ON DATABASE " + database + " TO " + user));
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection, Statement statement) throws SQLException;
    }

    /** Checks the names, creates the login role {@code user} unless it exists, then runs {@code work}, as the superuser. */
    private void asSuperuser(String database, String user, String password, SqlWork work) {
        requireIdentifier(database);
        requireIdentifier(user);
        Objects.requireNonNull(password, "password");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            work.run(connection, statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up " + user + " on database " + database, e);
        }
    }

    /**
     * Terminates ({@code pg_terminate_backend}) every backend connected to {@code database}, as the superuser; the
     * clients see their connections fail and have to reconnect.
     *
     * @return how many backends were terminated
     */
    public int terminateConnections(String database) {
        requireIdentifier(database);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement terminate = connection.prepareStatement("""
                        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
                          FROM pg_stat_activity
                         WHERE datname = ? AND pid <> pg_backend_pid()""")) {
            terminate.setString(1, database);
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not terminate the connections to " + database, e);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
