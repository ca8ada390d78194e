package dev.resolve.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Resolve repository, whose modules' built jars the suite runs: the launcher is started from anywhere in it
 * (by ./resolve-local, by a module's tests), so it looks upwards for the root project.
 */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** See {@link LocalSuite#defaultRepositoryRoot()}. */
    static Path byDefault() {
        String configured = System.getProperty(LocalSuite.REPOSITORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!isRoot(root)) {
                throw new LocalSuiteException("-D" + LocalSuite.REPOSITORY_PROPERTY + "=" + configured
                        + " is not the Resolve repository (no pom.xml with artifactId resolve-parent there)");
            }
            return root;
        }
        return find(Path.of(""));
    }

    /** See {@link LocalSuite#findRepositoryRoot(Path)}. */
    static Path find(Path from) {
        Path start = from.toAbsolutePath().normalize();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            if (isRoot(directory)) {
                return directory;
            }
        }
        throw new LocalSuiteException("Cannot find the Resolve repository (a pom.xml with artifactId resolve-parent) at or"
                + " above " + start + ". Run from inside the repository, or set -D" + LocalSuite.REPOSITORY_PROPERTY + "=<dir>.");
    }

    static boolean isRoot(Path directory) {
        Path pom = directory.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            // Modules name resolve-parent too, but inside <parent>: only the root project has it as its own id.
            String project = Files.readString(pom).replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<parent>.*?</parent>", "");
            return project.contains("<artifactId>resolve-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }
}
