package dev.resolve.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a service's own sources ({@code src/main/java}, the working directory of its tests) to check the layout that
 * every service keeps: one package per concern, thin resources, entities that guard their own state, and no fully
 * qualified class names in code.
 */
final class ServiceLayout {

    /** The packages a service may have below {@code dev.resolve.<service>}. */
    static final Set<String> CONCERNS = Set.of("api", "mapping", "service", "domain", "persistence", "messaging", "config");

    /** The packages every service has. */
    static final Set<String> REQUIRED = Set.of("api", "mapping", "service", "domain", "persistence");

    /** A field an object outside the class could set: public, not static. */
    private static final Pattern PUBLIC_FIELD = Pattern.compile(
            "(?m)^\\s+public (?!static|abstract|final class|class|enum|record|interface)[\\w<>,.? \\[\\]]+ \\w+\\s*(=[^;]*)?;");

    /** A qualified name of one of our classes used in code rather than in an import. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\bdev\\.resolve\\.[a-z.]+\\.[A-Z]");

    private final Path root;

    private ServiceLayout(Path root) {
        this.root = root;
    }

    /** The service whose tests are running: the one package below {@code dev.resolve} in {@code src/main/java}. */
    static ServiceLayout ofWorkingDirectory() {
        Path base = Path.of("src", "main", "java", "dev", "resolve");
        List<Path> packages = list(base).stream().filter(Files::isDirectory).toList();
        if (packages.size() != 1) {
            throw new IllegalStateException("Expected one service package in " + base + ", found " + packages);
        }
        return new ServiceLayout(packages.get(0));
    }

    /** The concern packages present, plus anything else found at the top (other packages and loose classes). */
    Set<String> topLevel() {
        Set<String> names = new TreeSet<>();
        for (Path entry : list(root)) {
            names.add(entry.getFileName().toString());
        }
        return names;
    }

    /** Source files of package {@code concern} and its subpackages. */
    List<Path> sources(String concern) {
        Path folder = root.resolve(concern);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every source file of the service. */
    List<Path> allSources() {
        return CONCERNS.stream().flatMap(concern -> sources(concern).stream()).sorted().toList();
    }

    /** Files in {@code files} whose code (not comments or imports) contains any of {@code words}. */
    static List<String> mentioning(List<Path> files, String... words) {
        return files.stream().filter(file -> {
            String code = code(file);
            return Stream.of(words).anyMatch(code::contains);
        }).map(Path::toString).toList();
    }

    /** Files in {@code files} that declare a public instance field. */
    static List<String> withPublicFields(List<Path> files) {
        return files.stream().filter(file -> PUBLIC_FIELD.matcher(code(file)).find()).map(Path::toString).toList();
    }

    /** Files in {@code files} whose code names one of our classes by its qualified name. */
    static List<String> withQualifiedNames(List<Path> files) {
        return files.stream().filter(file -> QUALIFIED_NAME.matcher(code(file)).find()).map(Path::toString).toList();
    }

    /** The file's text without package and import lines, comments and Javadoc. */
    private static String code(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)//.*$", "")
                .replaceAll("(?m)^(package|import) .*$", "");
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
