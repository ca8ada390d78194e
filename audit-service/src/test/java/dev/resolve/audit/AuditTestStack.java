package dev.resolve.audit;

import dev.resolve.testing.ResolveTestStack;
import dev.resolve.testing.SharedInfrastructure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared test stack, with audit-service's production split of database roles: migrations run as the database's
 * owner ({@value SharedInfrastructure#DATABASE}), the service as {@value #RUNTIME_ROLE}, which may only read and
 * append to the audit tables. The checkpoint key and log live in the test JVM's scratch space, outside the database.
 */
public class AuditTestStack extends ResolveTestStack {

    /** The service's login in tests. */
    public static final String RUNTIME_ROLE = "app_runtime";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        ensureRuntimeRole();
        properties.put("quarkus.datasource.username", RUNTIME_ROLE);
        properties.put("quarkus.datasource.password", RUNTIME_ROLE);
        properties.put("quarkus.flyway.username", SharedInfrastructure.DATABASE);
        properties.put("quarkus.flyway.password", SharedInfrastructure.DATABASE);
        Path checkpoints = checkpointFolder();
        properties.put("resolve.audit.checkpoint.private-key-file", checkpoints.resolve("checkpoint-signing-key.pem").toString());
        properties.put("resolve.audit.checkpoint.public-key-file", publicKeyFile().toString());
        properties.put("resolve.audit.checkpoint.create-key-if-missing", "true");
        properties.put("resolve.audit.checkpoint.log-file", checkpointLog().toString());
        return properties;
    }

    /** Where the service under test keeps its checkpoint key pair and log. */
    public static Path checkpointFolder() {
        return SharedInfrastructure.scratchFolder("audit-checkpoints");
    }

    /** The public key checkpoints are verified with. */
    public static Path publicKeyFile() {
        return checkpointFolder().resolve("checkpoint-public-key.pem");
    }

    /** The append-only checkpoint log. */
    public static Path checkpointLog() {
        return checkpointFolder().resolve("checkpoints.ndjson");
    }

    private static void ensureRuntimeRole() {
        try (Connection admin = DriverManager.getConnection(SharedInfrastructure.adminJdbcUrl());
                Statement statement = admin.createStatement()) {
            try (ResultSet found = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + RUNTIME_ROLE + "'")) {
                if (found.next()) {
                    return;
                }
            }
            statement.execute("CREATE ROLE " + RUNTIME_ROLE + " LOGIN PASSWORD '" + RUNTIME_ROLE + "'");
            statement.execute("GRANT CONNECT ON DATABASE " + SharedInfrastructure.DATABASE + " TO " + RUNTIME_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the audit-service runtime role", e);
        }
    }
}
