package dev.resolve.launcher;

import dev.resolve.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the launcher gives audit-service beyond what every service gets: a runtime login apart from its database's
 * owner, and the files of its signed checkpoints in the data directory. Starts PostgreSQL alone, no service.
 */
class AuditServiceSetupTest {

    private static final String AUDIT = "audit-service";

    @TempDir
    Path data;

    @Test
    void shouldRunAuditServiceAsItsRuntimeLoginAndMigrateAsTheOwner() {
        assertThat(LocalSuite.runtimeLogin(AUDIT)).isEqualTo("audit_service_runtime");
        assertThat(LocalSuite.databaseName(AUDIT)).isEqualTo("audit_service");
        assertThat(PostgresControl.loginProperties(AUDIT)).containsExactly(
                Map.entry("quarkus.datasource.username", "audit_service_runtime"),
                Map.entry("quarkus.datasource.password", "audit_service_runtime"),
                Map.entry("quarkus.flyway.username", "audit_service"),
                Map.entry("quarkus.flyway.password", "audit_service"));

        // Every other service runs as its database's owner, which runs its migrations too.
        assertThat(LocalSuite.runtimeLogin("intake-service")).isEqualTo("intake_service");
        assertThat(PostgresControl.loginProperties("intake-service")).containsExactly(
                Map.entry("quarkus.datasource.username", "intake_service"),
                Map.entry("quarkus.datasource.password", "intake_service"));
    }

    @Test
    void shouldKeepTheCheckpointKeyAndLogInTheDataDirectory() {
        LocalSuite suite = LocalSuite.builder().dataDirectory(data).build();
        Path folder = data.resolve("audit-checkpoints");
        assertThat(suite.auditCheckpointFolder()).isEqualTo(folder);
        assertThat(suite.auditSigningKeyFile()).isEqualTo(folder.resolve("checkpoint-signing-key.pem"));
        assertThat(suite.auditPublicKeyFile()).isEqualTo(folder.resolve("checkpoint-public-key.pem"));
        assertThat(suite.auditCheckpointLog()).isEqualTo(folder.resolve("checkpoints.ndjson"));

        assertThat(AuditCheckpoints.properties(folder)).containsExactly(
                Map.entry("resolve.audit.checkpoint.private-key-file", suite.auditSigningKeyFile().toString()),
                Map.entry("resolve.audit.checkpoint.public-key-file", suite.auditPublicKeyFile().toString()),
                Map.entry("resolve.audit.checkpoint.create-key-if-missing", "true"),
                Map.entry("resolve.audit.checkpoint.log-file", suite.auditCheckpointLog().toString()));

        assertThat(ResolveLocal.auditLine(suite))
                .contains(suite.auditPublicKeyFile().toString(), suite.auditCheckpointLog().toString())
                .contains("runs as audit_service_runtime", "audit_service owns the schema");
    }

    @Test
    void shouldWipeTheCheckpointsWithTheDatabasesButKeepTheTokenKey() throws Exception {
        Path checkpoints = data.resolve(LocalSuite.AUDIT_CHECKPOINT_DIRECTORY);
        Files.createDirectories(checkpoints);
        Files.writeString(checkpoints.resolve(AuditCheckpoints.LOG_FILE), "{}\n");
        Files.createDirectories(data.resolve(LocalSuite.IDENTITY_DIRECTORY));

        DataFolder folder = new DataFolder(freshSettings());
        List<String> problems = new ArrayList<>();
        try {
            assertThat(folder.prepare()).isEqualTo(data);
        } finally {
            folder.release(problems);
        }
        assertThat(problems).isEmpty();
        assertThat(checkpoints).isEmptyDirectory();
        assertThat(data.resolve(LocalSuite.IDENTITY_DIRECTORY)).isDirectory();
    }

    @Test
    void shouldCreateTheRuntimeLoginOwningNothingNextToTheOwner() throws SQLException {
        PostgresControl postgres = new PostgresControl(line -> { });
        postgres.place(data.resolve("postgres"), FreePorts.find());
        List<String> problems = new ArrayList<>();
        try {
            postgres.start();
            postgres.ensureDatabase(AUDIT);
            postgres.ensureDatabase(AUDIT); // a kept data directory has both roles already
            String url = postgres.jdbcUrl(AUDIT);
            try (Connection runtime = DriverManager.getConnection(url, "audit_service_runtime", "audit_service_runtime");
                    Statement statement = runtime.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            SELECT current_user, pg_get_userbyid(d.datdba),
                                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                                   r.rolsuper OR r.rolcreatedb OR r.rolcreaterole
                              FROM pg_database d, pg_roles r
                             WHERE d.datname = current_database() AND r.rolname = current_user""")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("audit_service_runtime");
                assertThat(rows.getString(2)).as("the database's owner").isEqualTo("audit_service");
                assertThat(rows.getLong(3)).as("relations the runtime login owns").isZero();
                assertThat(rows.getBoolean(4)).as("superuser, createdb or createrole").isFalse();
            }
            try (Connection owner = DriverManager.getConnection(url, "audit_service", "audit_service")) {
                assertThat(owner.isValid(5)).isTrue();
            }
        } finally {
            postgres.close(problems);
        }
        assertThat(problems).isEmpty();
    }

    /** Settings of a suite on {@link #data} started with --fresh. */
    private SuiteSettings freshSettings() {
        return new SuiteSettings(data, data, true, LocalSuite.PortMode.ALL_FREE, LocalSuite.ALL_SERVICES, Map.of(),
                LocalSuite.DEFAULT_JVM_OPTIONS, Duration.ofSeconds(1), line -> { });
    }
}
