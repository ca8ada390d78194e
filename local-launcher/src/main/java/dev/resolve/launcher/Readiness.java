package dev.resolve.launcher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import static dev.resolve.launcher.SuiteSupport.seconds;
import static dev.resolve.launcher.SuiteSupport.sleep;
import static dev.resolve.launcher.SuiteSupport.tail;

/**
 * Waits until services answer {@code /q/health/ready} with 200: a started process is not yet a service that can take
 * requests (Quarkus first migrates its database and connects to Kafka). A service whose process ends meanwhile, or
 * that is not ready in time, fails the wait at once, with the end of its log, which is where the reason is.
 */
final class Readiness {

    private final ServiceProcesses processes;
    private final Duration timeout;
    private final Consumer<String> progress;
    private final Consumer<String> abortIfClosing;

    /**
     * @param abortIfClosing throws when the suite is being closed, given what it was doing (e.g. "start-up"): a
     *        close does not wait for slow services to become ready
     */
    Readiness(ServiceProcesses processes, SuiteSettings settings, Consumer<String> abortIfClosing) {
        this.processes = processes;
        this.timeout = settings.readyTimeout();
        this.progress = settings.progress();
        this.abortIfClosing = abortIfClosing;
    }

    /**
     * Polls {@code which} until each is ready, reporting each one's time since {@code begin}.
     *
     * @param during what is going on, for the messages: "start-up", "the start of intake-service"
     * @throws LocalSuiteException when one stops or is not ready within the timeout
     */
    void await(Collection<String> which, long begin, String during) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Set<String> pending = new LinkedHashSet<>(which);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            abortIfClosing.accept(during);
            for (String service : List.copyOf(pending)) {
                Process process = processes.process(service);
                if (!process.isAlive()) {
                    throw new LocalSuiteException(service + " stopped during " + during + " (exit code " + process.exitValue()
                            + "). Last lines of " + processes.logFile(service) + ":\n" + tail(processes.logFile(service)));
                }
                if (isReady(client, service)) {
                    pending.remove(service);
                    progress.accept(String.format(Locale.ROOT, "  %-17s ready after %.1f s at %s", service,
                            seconds(begin), processes.url(service)));
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                String first = pending.iterator().next();
                throw new LocalSuiteException("Not ready within " + timeout.toSeconds() + " s: " + String.join(", ", pending)
                        + ". Last lines of " + processes.logFile(first) + ":\n" + tail(processes.logFile(first)));
            }
            if (!pending.isEmpty()) {
                sleep(250);
            }
        }
    }

    private boolean isReady(HttpClient client, String service) {
        HttpRequest request = HttpRequest.newBuilder(processes.url(service).resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalSuiteException("Interrupted while waiting for " + service, e);
        }
    }
}
