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
            assertThat(env.path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo(database);
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
}
