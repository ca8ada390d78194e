package dev.resolve.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The suite's data directory: {@code postgres/} and {@code kafka/} (kept between runs), audit-service's checkpoint
 * key and log ({@link LocalSuite#AUDIT_CHECKPOINT_DIRECTORY}, kept with the databases), the token signing key
 * ({@link LocalSuite#IDENTITY_DIRECTORY}), {@code logs/} and {@code run/} with a pid file per service.
 *
 * <p>Two suites on one data directory would corrupt each other's databases, so a suite locks it while it runs. The
 * pid files are there for the run after one that was killed -9 (its services and PostgreSQL outlive it, holding the
 * ports and the data): that run stops them before it starts anything.
 */
final class DataFolder {

    /**
     * What --fresh wipes: the data, not the signing key (tokens already handed out stay valid) nor the logs. The audit
     * checkpoints go with the audit database they vouch for; audit-service makes a new checkpoint key when it starts.
     */
    private static final List<String> DATA_SUBDIRECTORIES = List.of(
            "postgres", "kafka", LocalSuite.AUDIT_CHECKPOINT_DIRECTORY, "run");
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    /** Null for a temporary data directory. */
    private final Path configured;
    private final boolean fresh;
    private final Consumer<String> progress;

    private volatile Path temporary;
    private Path lockedDirectory;
    private FileChannel lockChannel;
    private FileLock lock;

    DataFolder(SuiteSettings settings) {
        this.configured = settings.dataDirectory();
        this.fresh = settings.fresh();
        this.progress = settings.progress();
    }

    /**
     * Creates (or for a temporary one, makes up) the data directory, locks it, stops what an earlier run left running
     * on it and, with --fresh, wipes its data.
     *
     * @return the data directory
     * @throws LocalSuiteException when another suite is running on it
     */
    Path prepare() {
        try {
            Path data = configured != null ? configured : Files.createTempDirectory("resolve-local");
            if (configured == null) {
                temporary = data;
            }
            Files.createDirectories(data);
            lock(data);
            stopLeftovers(data);
            if (fresh) {
                progress.accept("Wiping the data in " + data + " (--fresh)");
                for (String name : DATA_SUBDIRECTORIES) {
                    deleteRecursively(data.resolve(name));
                }
            }
            Files.createDirectories(data.resolve("logs"));
            Files.createDirectories(data.resolve("run"));
            Files.createDirectories(data.resolve(LocalSuite.AUDIT_CHECKPOINT_DIRECTORY));
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory", e);
        }
    }

    /** The data directory; a temporary one exists from {@link #prepare()} on (and is gone after {@link #release}). */
    Path path() {
        if (configured != null) {
            return configured;
        }
        Path created = temporary;
        if (created == null) {
            throw new IllegalStateException("The temporary data directory is created by start()");
        }
        return created;
    }

    Path postgres() {
        return path().resolve("postgres");
    }

    Path kafka() {
        return path().resolve("kafka");
    }

    Path logs() {
        return path().resolve("logs");
    }

    /** See {@link LocalSuite#auditCheckpointFolder()}. */
    Path auditCheckpoints() {
        return path().resolve(LocalSuite.AUDIT_CHECKPOINT_DIRECTORY);
    }

    void writePid(String service, long pid) throws IOException {
        Files.writeString(pidFile(service), pid + "\n");
    }

    void deletePidFile(String service) {
        try {
            Files.deleteIfExists(pidFile(service));
        } catch (IOException | IllegalStateException e) {
            // A stale pid file is checked against the process' command line before it is used.
        }
    }

    private Path pidFile(String service) {
        return path().resolve("run").resolve(service + ".pid");
    }

    /** Unlocks the data directory, and deletes it when it is a temporary one; what fails is added to {@code problems}. */
    void release(List<String> problems) {
        synchronized (this) {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (lockChannel != null) {
                    lockChannel.close();
                }
            } catch (IOException e) {
                problems.add("Could not release the data directory lock: " + e.getMessage());
            } finally {
                if (lockedDirectory != null) {
                    LOCKED_IN_THIS_JVM.remove(lockedDirectory);
                }
            }
        }
        Path created = temporary;
        if (created != null) {
            try {
                deleteRecursively(created);
            } catch (UncheckedIOException e) {
                problems.add(e.getMessage());
            }
        }
    }

    private void lock(Path data) throws IOException {
        LocalSuiteException inUse = new LocalSuiteException("Another Resolve suite is running on " + data
                + ". Stop it first, or give this one another data directory (--data-dir).");
        Path key = data.toRealPath();
        // Checked before opening the lock file: closing a second channel on it would drop this JVM's OS-level lock.
        if (!LOCKED_IN_THIS_JVM.add(key)) {
            throw inUse;
        }
        FileChannel channel = null;
        FileLock acquired = null;
        try {
            channel = FileChannel.open(data.resolve("resolve-local.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            acquired = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        } finally {
            if (acquired == null) {
                LOCKED_IN_THIS_JVM.remove(key);
                if (channel != null) {
                    channel.close();
                }
            }
        }
        if (acquired == null) {
            throw inUse;
        }
        synchronized (this) {
            lockChannel = channel;
            lock = acquired;
            lockedDirectory = key;
        }
    }

    /** Stops processes an earlier run on this data directory left behind (for example when it was killed -9). */
    private void stopLeftovers(Path data) throws IOException {
        Path run = data.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                    Optional<ProcessHandle> leftover = readPid(file).flatMap(ProcessHandle::of)
                            .filter(p -> commandLine(p).contains("quarkus-run.jar"));
                    if (leftover.isPresent()) {
                        progress.accept("Stopping " + file.getFileName().toString().replace(".pid", "")
                                + " left running by an earlier run (pid " + leftover.get().pid() + ")");
                        stopProcess(leftover.get(), ServiceProcesses.STOP_TIMEOUT);
                    }
                    Files.deleteIfExists(file);
                }
            }
        }
        Path postgresData = data.resolve("postgres");
        Optional<ProcessHandle> postmaster = readPid(postgresData.resolve(PostgresControl.POSTMASTER_PID_FILE))
                .flatMap(ProcessHandle::of)
                .filter(p -> commandLine(p).contains("postgres") && commandLine(p).contains(postgresData.toString()));
        if (postmaster.isPresent()) {
            progress.accept("Stopping PostgreSQL left running by an earlier run (pid " + postmaster.get().pid() + ")");
            try {
                // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and shuts down cleanly.
                new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).start().waitFor();
            } catch (IOException e) {
                postmaster.get().destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopProcess(postmaster.get(), Duration.ofSeconds(30));
        }
    }

    /** The pid in the first line of {@code file}; empty when there is no such file or it holds no pid. */
    static Optional<Long> readPid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the process runs: a pid from an old file may belong to something else by now. */
    private static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("");
    }

    private static void stopProcess(ProcessHandle process, Duration timeout) {
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Reported by the start-up that follows, if it matters.
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
