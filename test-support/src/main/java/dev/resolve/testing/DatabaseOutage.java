package dev.resolve.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Takes the service's database away from it the way an outage does: its login is refused and every open connection
 * is cut, until {@link #close()} lets it log in again.
 */
public final class DatabaseOutage implements AutoCloseable {

    private DatabaseOutage() {
    }

    /** Starts an outage of the test database's login ({@link SharedInfrastructure#DATABASE}). */
    public static DatabaseOutage begin() {
        execute("ALTER ROLE " + SharedInfrastructure.DATABASE + " NOLOGIN",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + SharedInfrastructure.DATABASE + "'");
        return new DatabaseOutage();
    }

    @Override
    public void close() {
        execute("ALTER ROLE " + SharedInfrastructure.DATABASE + " LOGIN");
    }

    private static void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(SharedInfrastructure.adminJdbcUrl());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the test database's availability", e);
        }
    }
}
