package dev.resolve.launcher;

import dev.resolve.embedded.EmbeddedPostgresServer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The embedded PostgreSQL server, with a database of its own for each service, as each service would have in
 * production. The database's owner role and its password are the database's name as well, so that anyone can look
 * inside with psql knowing only the service's name. A service listed in {@link #RUNTIME_LOGINS} runs as a login of
 * its own instead, which owns nothing: its owner runs the migrations, which grant that login what it may do.
 */
final class PostgresControl extends ServerControl<EmbeddedPostgresServer> {

    /** Where PostgreSQL notes its main process' pid, in its data folder (and leaves it when it was killed). */
    static final String POSTMASTER_PID_FILE = "postmaster.pid";

    /**
     * The services that do not run as their database's owner, with the login they run as (its password is its name):
     * audit-service may only read and append to its audit tables.
     */
    static final Map<String, String> RUNTIME_LOGINS = Map.of("audit-service", "audit_service_runtime");

    PostgresControl(Consumer<String> progress) {
        super("PostgreSQL", EmbeddedPostgresServer::start, EmbeddedPostgresServer::close, progress);
    }

    /** See {@link LocalSuite#databaseName(String)}. */
    static String databaseName(String service) {
        return service.replace('-', '_');
    }

    /** See {@link LocalSuite#runtimeLogin(String)}. */
    static String runtimeLogin(String service) {
        return RUNTIME_LOGINS.getOrDefault(service, databaseName(service));
    }

    /**
     * Creates the service's database, its owner role and the service's runtime login, unless they exist: a kept data
     * directory has them already.
     */
    void ensureDatabase(String service) {
        String database = databaseName(service);
        EmbeddedPostgresServer server = running();
        server.ensureDatabase(database, database, database);
        String login = runtimeLogin(service);
        if (!login.equals(database)) {
            server.ensureLoginRole(database, login, login);
        }
    }

    /** See {@link LocalSuite#jdbcUrl(String)}. */
    String jdbcUrl(String service) {
        return EmbeddedPostgresServer.jdbcUrl(port(), databaseName(service));
    }

    /** The system properties that point a service at its database: its URL and {@link #loginProperties(String)}. */
    Map<String, String> datasourceProperties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl(service));
        properties.putAll(loginProperties(service));
        return properties;
    }

    /**
     * Who a service logs in as: the datasource's user is its {@link #runtimeLogin(String) runtime login}; when that is
     * not the database's owner, Flyway runs the migrations as the owner.
     */
    static Map<String, String> loginProperties(String service) {
        String database = databaseName(service);
        String login = runtimeLogin(service);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.username", login);
        properties.put("quarkus.datasource.password", login);
        if (!login.equals(database)) {
            properties.put("quarkus.flyway.username", database);
            properties.put("quarkus.flyway.password", database);
        }
        return properties;
    }

    /** See {@link LocalSuite#terminateDatabaseConnections(String)}. */
    int terminateConnections(String service) {
        String database = databaseName(service);
        int terminated = running().terminateConnections(database);
        progress.accept("Terminated " + terminated + " connection(s) to " + database);
        return terminated;
    }

    /** See {@link LocalSuite#postgresPid()}. */
    OptionalLong pid() {
        if (!isRunning()) {
            return OptionalLong.empty();
        }
        return DataFolder.readPid(folder().resolve(POSTMASTER_PID_FILE))
                .filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
