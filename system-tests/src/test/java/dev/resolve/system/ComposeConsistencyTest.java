package dev.resolve.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolve.launcher.LocalSuite;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here, so it is read against the services' own configuration: every service is
 * in it with its Dockerfile, port, database and the environment variables its configuration reads.
 */
class ComposeConsistencyTest {

    private static final Path ROOT = LocalSuite.findRepositoryRoot(Path.of("").toAbsolutePath());

    /** The compose file as Docker reads it: SnakeYAML resolves the anchors and {@code <<} merge keys it uses. */
    private static JsonNode compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Object document = new org.yaml.snakeyaml.Yaml().load(reader);
            return new ObjectMapper().valueToTree(document);
        }
    }

    @Test
    void composeMatchesEveryServicesConfiguration() throws IOException {
        JsonNode compose = compose();
        String initSql = Files.readString(ROOT.resolve("docker/postgres/init-databases.sql"));
        for (String service : LocalSuite.ALL_SERVICES) {
            JsonNode entry = compose.path("services").path(service);
            assertThat(entry.isMissingNode()).as("%s in docker-compose.yml", service).isFalse();
            Properties config = new Properties();
            try (Reader reader = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
                config.load(reader);
            }
            String port = config.getProperty("quarkus.http.port");
            String database = LocalSuite.databaseName(service);

            assertThat(entry.path("build").asText()).isEqualTo("./" + service);
            String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
            assertThat(dockerfile).contains("EXPOSE " + port).contains("/127.0.0.1/" + port + " ");
            assertThat(entry.path("ports").get(0).asText()).isEqualTo(port + ":" + port);
            assertThat(port).isEqualTo(String.valueOf(LocalSuite.FIXED_PORTS.get(service)));

            JsonNode env = entry.path("environment");
            assertThat(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(env.path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo(LocalSuite.runtimeLogin(service));
            if (!LocalSuite.runtimeLogin(service).equals(database)) {
                // The service's login is not the owner: migrations run as the owner, and the login exists.
                assertThat(env.path("QUARKUS_FLYWAY_USERNAME").asText()).isEqualTo(database);
                assertThat(initSql).contains("CREATE USER " + LocalSuite.runtimeLogin(service) + " ")
                        .contains("GRANT CONNECT ON DATABASE " + database + " TO " + LocalSuite.runtimeLogin(service) + ";");
            }
            assertThat(env.path("QUARKUS_DATASOURCE_PASSWORD").asText()).isNotBlank();
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(config.getProperty("quarkus.datasource.jdbc.url")).endsWith("/" + database);
            assertThat(config.getProperty("kafka.bootstrap.servers")).isNotBlank();
            assertThat(initSql).contains("CREATE DATABASE " + database + " OWNER " + database + ";");
            assertThat(entry.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
            assertThat(entry.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        }
    }

    @Test
    void composeRunsTheKafkaVersionTheServicesAreBuiltAgainst() throws IOException {
        JsonNode compose = compose();
        String image = compose.path("services").path("kafka").path("image").asText();
        Matcher version = Pattern.compile("apache/kafka:(.+)").matcher(image);
        assertThat(version.matches()).isTrue();
        assertThat(org.apache.kafka.common.utils.AppInfoParser.getVersion()).isEqualTo(version.group(1));
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void composeKeycloakIssuesTheTokensTheServicesExpect() throws IOException {
        JsonNode compose = compose();
        JsonNode keycloak = compose.path("services").path("keycloak");
        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve("docker/keycloak/resolve-realm.json").toFile());
        String realmName = realm.path("realm").asText();

        // The realm defines exactly the roles the contracts use, with someone to try each one.
        java.util.List<String> roles = new java.util.ArrayList<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrderElementsOf(dev.resolve.contracts.security.Roles.ALL);
        java.util.Set<String> granted = new java.util.HashSet<>();
        realm.path("users").forEach(user -> user.path("realmRoles").forEach(role -> granted.add(role.asText())));
        assertThat(granted).containsExactlyInAnyOrderElementsOf(dev.resolve.contracts.security.Roles.ALL);
        realm.path("users").forEach(user -> {
            java.util.List<String> userRoles = new java.util.ArrayList<>();
            user.path("realmRoles").forEach(role -> userRoles.add(role.asText()));
            if (userRoles.contains("customer")) {
                assertThat(user.path("attributes").path("customer").get(0).asText()).as("a customer's reference").isNotBlank();
            }
            if (userRoles.contains("agent")) {
                assertThat(user.path("attributes").path("team").get(0).asText()).as("an agent's team").isNotBlank();
            }
        });
        // The claims team and customer come from user attributes, which the user profile allows.
        JsonNode portal = null;
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals("resolve-portal")) {
                portal = client;
            }
        }
        assertThat(portal).isNotNull();
        java.util.Map<String, String> claims = new java.util.HashMap<>();
        portal.path("protocolMappers").forEach(mapper -> claims.put(mapper.path("config").path("claim.name").asText(),
                mapper.path("config").path("user.attribute").asText()));
        assertThat(claims).containsEntry("team", "team").containsEntry("customer", "customer");
        String profile = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").get(0)
                .path("config").path("kc.user.profile.config").get(0).asText();
        JsonNode attributes = new ObjectMapper().readTree(profile).path("attributes");
        java.util.List<String> declared = new java.util.ArrayList<>();
        attributes.forEach(attribute -> declared.add(attribute.path("name").asText()));
        assertThat(declared).contains("team", "customer");

        // Every service verifies Keycloak's tokens: its issuer as clients see it, its keys inside the network.
        String port = keycloak.path("command").toString().replaceAll(".*--http-port=(\\d+).*", "$1");
        String hostname = keycloak.path("environment").path("KC_HOSTNAME").asText();
        assertThat(keycloak.path("ports").get(0).asText()).isEqualTo(port + ":" + port);
        assertThat(hostname).endsWith(":" + port);
        for (String service : LocalSuite.ALL_SERVICES) {
            JsonNode entry = compose.path("services").path(service);
            JsonNode env = entry.path("environment");
            assertThat(env.path("MP_JWT_VERIFY_ISSUER").asText()).as(service).isEqualTo(hostname + "/realms/" + realmName);
            assertThat(env.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).as(service)
                    .isEqualTo("http://keycloak:" + port + "/realms/" + realmName + "/protocol/openid-connect/certs");
            assertThat(env.path("SMALLRYE_JWT_PATH_GROUPS").asText()).as(service).isEqualTo("realm_access/roles");
            assertThat(entry.path("depends_on").path("keycloak").path("condition").asText()).isEqualTo("service_healthy");
        }
        // The import runs from the mounted realm file.
        assertThat(keycloak.path("command").toString()).contains("--import-realm");
        assertThat(keycloak.path("volumes").get(0).asText())
                .isEqualTo("./docker/keycloak/resolve-realm.json:/opt/keycloak/data/import/resolve-realm.json:ro");
    }
}
