package dev.resolve.plumbing.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.CompletableFuture;

/** Where the outbox relay sends events: Kafka in every service ({@link KafkaOutboxTransport}). */
public interface OutboxTransport {

    /**
     * Starts sending {@code record}. The future completes when the broker acknowledged it and fails when it was
     * refused or not acknowledged within the delivery timeout. May also throw at once (the record could not be
     * serialized, or topic metadata could not be had in time).
     */
    CompletableFuture<Void> send(ProducerRecord<String, byte[]> record);

    /** Sends whatever is buffered now rather than after the linger time. */
    void flush();
}
