package dev.resolve.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the JVM's shared embedded PostgreSQL and Kafka, and makes it trust
 * the JVM's test signing key. Register it once
 * per module with {@code @WithTestResource(value = ResolveTestStack.class, scope = TestResourceScope.GLOBAL)}.
 */
public class ResolveTestStack implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", SharedInfrastructure.jdbcUrl(),
                "quarkus.datasource.username", SharedInfrastructure.DATABASE,
                "quarkus.datasource.password", SharedInfrastructure.DATABASE,
                "kafka.bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers(),
                // Tokens signed by the test JVM's key (Callers) are trusted.
                "mp.jwt.verify.publickey.location", SharedInfrastructure.identity().publicKeyFile().toString(),
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The servers outlive the application: later test applications in this JVM reuse them.
    }
}
