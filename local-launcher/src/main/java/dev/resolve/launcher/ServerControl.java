package dev.resolve.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import static dev.resolve.launcher.SuiteSupport.rootMessage;
import static dev.resolve.launcher.SuiteSupport.seconds;

/**
 * One of the suite's in-process servers, PostgreSQL or Kafka. Fault tests stop it and start it again; it then comes
 * back on the same port and data folder, because the services were launched with that port and reconnect to it.
 *
 * @param <S> the embedded server
 */
class ServerControl<S> {

    private final String name;
    private final BiFunction<Path, Integer, S> starter;
    private final Consumer<S> stopper;
    final Consumer<String> progress;

    private volatile Path folder;
    private volatile int port;
    private volatile boolean startedOnce;
    /** Null until started and after {@link #stop()}; {@link #close(List)} leaves it, as the suite is done then. */
    private volatile S server;

    ServerControl(String name, BiFunction<Path, Integer, S> starter, Consumer<S> stopper, Consumer<String> progress) {
        this.name = name;
        this.starter = starter;
        this.stopper = stopper;
        this.progress = progress;
    }

    /** Where the server keeps its data and which port it listens on, now and after every start again. */
    void place(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Whether the server has (or will have) {@code port}: a port for something else has to be another. */
    boolean uses(int port) {
        return this.port == port;
    }

    /**
     * The server's port, from its first start on: it is the same while the server is stopped and after it is started
     * again, so callers may keep it.
     */
    int port() {
        if (!startedOnce) {
            throw new IllegalStateException(name + " is not running");
        }
        return port;
    }

    Path folder() {
        return folder;
    }

    boolean isRunning() {
        return server != null;
    }

    /** The server, for calls that need it up. */
    S running() {
        S current = server;
        if (current == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return current;
    }

    /** Starts the server for the first time; its failure is for {@link #notStarted} to explain. */
    void start() {
        server = starter.apply(folder, port);
        startedOnce = true;
    }

    private LocalSuiteException notStarted(Throwable cause, String hint) {
        return new LocalSuiteException(name + " did not start on port " + port + ": " + rootMessage(cause) + hint, cause);
    }

    /**
     * Starts the server again after {@link #stop()}, on the same port and data.
     *
     * @throws IllegalStateException when it is running
     * @throws LocalSuiteException when it does not start (for example when something else took the port meanwhile)
     */
    void startAgain() {
        if (server != null) {
            throw new IllegalStateException(name + " is running already");
        }
        long begin = System.nanoTime();
        try {
            server = starter.apply(folder, port);
        } catch (RuntimeException e) {
            throw new LocalSuiteException(name + " did not start again on port " + port + ": " + rootMessage(e), e);
        }
        progress.accept(String.format(Locale.ROOT, "Started %s again (port %d) in %.1f s", name, port, seconds(begin)));
    }

    /** Stops the server cleanly, keeping its data; does nothing when it is stopped. */
    void stop() {
        S current = server;
        if (current != null) {
            server = null;
            stopper.accept(current);
            progress.accept("Stopped " + name);
        }
    }

    /** Stops the server at the suite's end; a failure is added to {@code problems}, for the rest to stop still. */
    void close(List<String> problems) {
        S current = server;
        if (current != null) {
            try {
                stopper.accept(current);
                progress.accept("Stopped " + name);
            } catch (RuntimeException e) {
                problems.add(name + " did not stop cleanly: " + rootMessage(e));
            }
        }
    }

    /**
     * Starts two servers at once, {@code beside} on a thread of its own, as each takes seconds. Both are waited for
     * before a failure is thrown (the first one's), so that the teardown that follows finds each started or not.
     *
     * @param hint added to a failure's message: where the servers' own log is
     */
    static void startTogether(ServerControl<?> here, ServerControl<?> beside, String hint) {
        FutureTask<Void> besideStart = new FutureTask<>(beside::start, null);
        Thread thread = new Thread(besideStart, "resolve-" + beside.name.toLowerCase(Locale.ROOT) + "-start");
        thread.setDaemon(true);
        thread.start();
        RuntimeException failure = null;
        try {
            here.start();
        } catch (RuntimeException e) {
            failure = here.notStarted(e, hint);
        }
        try {
            besideStart.get();
        } catch (ExecutionException e) {
            if (failure == null) {
                failure = beside.notStarted(e.getCause(), hint);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                failure = new LocalSuiteException("Interrupted while starting " + beside.name, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
