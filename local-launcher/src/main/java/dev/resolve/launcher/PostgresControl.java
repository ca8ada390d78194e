package dev.resolve.launcher;

import dev.resolve.embedded.EmbeddedPostgresServer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The embedded PostgreSQL server, with a database of its own for each service, as each service would have in
 * production. The database's role and password are its name as well, so that anyone can look inside with psql
 * knowing only the service's name.
 */
final class PostgresControl extends ServerControl<EmbeddedPostgresServer> {

    /** Where PostgreSQL notes its main process' pid, in its data folder (and leaves it when it was killed). */
    static final String POSTMASTER_PID_FILE = "postmaster.pid";

    PostgresControl(Consumer<String> progress) {
        super("PostgreSQL", EmbeddedPostgresServer::start, EmbeddedPostgresServer::close, progress);
    }

    /** See {@link LocalSuite#databaseName(String)}. */
    static String databaseName(String service) {
        return service.replace('-', '_');
    }

    /** Creates the service's database and role unless they exist: a kept data directory has them already. */
    void ensureDatabase(String service) {
        String database = databaseName(service);
        running().ensureDatabase(database, database, database);
    }

    /** See {@link LocalSuite#jdbcUrl(String)}. */
    String jdbcUrl(String service) {
        return EmbeddedPostgresServer.jdbcUrl(port(), databaseName(service));
    }

    /** The system properties that point a service at its database. */
    Map<String, String> datasourceProperties(String service) {
        String database = databaseName(service);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl(service));
        properties.put("quarkus.datasource.username", database);
        properties.put("quarkus.datasource.password", database);
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
