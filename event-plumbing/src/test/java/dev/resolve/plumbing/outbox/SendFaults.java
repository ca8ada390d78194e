package dev.resolve.plumbing.outbox;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes chosen sends of the relay fail, chosen by the {@code subject} in the event's payload: a test registers
 * what should happen to the event with that subject, the relay's real Kafka transport does the rest.
 */
@Decorator
@Priority(10)
@Dependent
public class SendFaults implements OutboxTransport {

    /** What happens to the sends of one subject. */
    public record Fault(AtomicInteger remaining, Supplier<Throwable> error, boolean thrown, boolean afterDelivery) {
    }

    private static final Map<String, Fault> FAULTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    @Any
    OutboxTransport delegate;

    /** The next {@code times} sends of the event with {@code subject} fail with {@code error} (from the future). */
    public static void failing(String subject, int times, Supplier<Throwable> error) {
        FAULTS.put(subject, new Fault(new AtomicInteger(times), error, false, false));
    }

    /** The next {@code times} sends of {@code subject} throw {@code error} from {@code send} itself. */
    public static void throwing(String subject, int times, Supplier<Throwable> error) {
        FAULTS.put(subject, new Fault(new AtomicInteger(times), error, true, false));
    }

    /** The next {@code times} sends of {@code subject} reach Kafka, but the relay is told they failed. */
    public static void failingAfterDelivery(String subject, int times, Supplier<Throwable> error) {
        FAULTS.put(subject, new Fault(new AtomicInteger(times), error, false, true));
    }

    public static void clear() {
        FAULTS.clear();
        TRIED.clear();
    }

    /** How often a send of the event with {@code subject} was started since the last {@link #clear()}. */
    public static int tried(String subject) {
        AtomicInteger tried = TRIED.get(subject);
        return tried == null ? 0 : tried.get();
    }

    @Override
    public CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        String subject = subject(record);
        TRIED.computeIfAbsent(subject, key -> new AtomicInteger()).incrementAndGet();
        Fault fault = FAULTS.get(subject);
        if (fault == null || fault.remaining().getAndDecrement() <= 0) {
            return delegate.send(record);
        }
        Throwable error = fault.error().get();
        if (fault.thrown()) {
            if (error instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) error;
        }
        if (fault.afterDelivery()) {
            return delegate.send(record).thenCompose(delivered -> CompletableFuture.failedFuture(error));
        }
        return CompletableFuture.failedFuture(error);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    private static String subject(ProducerRecord<String, byte[]> record) {
        String json = new String(record.value(), StandardCharsets.UTF_8);
        int start = json.indexOf("\"subject\":\"");
        if (start < 0) {
            return "";
        }
        start += 11;
        return json.substring(start, json.indexOf('"', start));
    }
}
