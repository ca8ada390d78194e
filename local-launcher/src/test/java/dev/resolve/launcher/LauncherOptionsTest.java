package dev.resolve.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Command line, repository detection and the checks that fail before anything is started. */
class LauncherOptionsTest {

    @Test
    void shouldParseTheCommandLine() {
        ResolveLocal.Options defaults = ResolveLocal.parse();
        assertThat(defaults.fresh()).isFalse();
        assertThat(defaults.dataDirectory()).isNull();
        assertThat(defaults.services()).isNull();
        assertThat(defaults.freePorts()).isFalse();

        ResolveLocal.Options options = ResolveLocal.parse(
                "--fresh", "--data-dir", "/tmp/x", "--only", "intake-service, case-service", "--free-ports", "--rebuild");
        assertThat(options.fresh()).isTrue();
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.services()).containsExactly("intake-service", "case-service");
        assertThat(options.freePorts()).isTrue();

        assertThat(ResolveLocal.parse("--data-dir=d", "--only=audit-service").services()).containsExactly("audit-service");
        assertThat(ResolveLocal.parse("-h").help()).isTrue();
        assertThat(ResolveLocal.usage()).contains("--fresh", "--data-dir", "--only", "--free-ports", "metrics-service");
    }

    @Test
    void shouldRefuseBadCommandLines() {
        assertThatThrownBy(() -> ResolveLocal.parse("--only", "billing-service"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown service 'billing-service'")
                .hasMessageContaining("intake-service, case-service, approval-service, audit-service, metrics-service");
        assertThatThrownBy(() -> ResolveLocal.parse("--data-dir")).hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> ResolveLocal.parse("--verbose")).hasMessageContaining("Unknown option '--verbose'");
    }

    @Test
    void shouldFindTheRepositoryRootFromAnyModule() {
        Path root = LocalSuite.findRepositoryRoot(Path.of(""));
        assertThat(root.resolve("local-launcher")).isDirectory();
        assertThat(LocalSuite.findRepositoryRoot(root.resolve("intake-service/src"))).isEqualTo(root);
        assertThat(LocalSuite.isRepositoryRoot(root.resolve("intake-service"))).as("a module names resolve-parent as parent").isFalse();
    }

    @Test
    void shouldSayWhenOutsideTheRepository(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> LocalSuite.findRepositoryRoot(elsewhere))
                .isInstanceOf(LocalSuiteException.class)
                .hasMessageContaining("-Dresolve.repo=");
    }

    @Test
    void shouldAskToBuildFirstWhenAServiceIsNotBuilt(@TempDir Path repository) throws Exception {
        Files.writeString(repository.resolve("pom.xml"),
                "<project><artifactId>resolve-parent</artifactId><packaging>pom</packaging></project>");
        LocalSuite suite = LocalSuite.builder()
                .repositoryRoot(repository)
                .dataDirectory(repository.resolve("data"))
                .services("case-service", "intake-service")
                .progress(line -> { })
                .build();
        assertThat(suite.services()).containsExactly("intake-service", "case-service");
        assertThatThrownBy(suite::start)
                .isInstanceOf(LocalSuiteException.class)
                .hasMessageContaining("intake-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("case-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("mvn -B install -DskipTests");
        assertThat(repository.resolve("data")).doesNotExist();
        suite.close();
    }

    @Test
    void shouldRefuseUnknownServices() {
        assertThatThrownBy(() -> LocalSuite.builder().services(List.of("intake-service", "nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown service 'nope'");
        assertThat(LocalSuite.FIXED_PORTS).containsExactly(
                java.util.Map.entry("intake-service", 8081), java.util.Map.entry("case-service", 8082),
                java.util.Map.entry("approval-service", 8083), java.util.Map.entry("audit-service", 8084),
                java.util.Map.entry("metrics-service", 8085));
        assertThat(LocalSuite.databaseName("approval-service")).isEqualTo("approval_service");
    }
}
