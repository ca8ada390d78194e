package dev.resolve.plumbing.outbox;

import dev.resolve.plumbing.EventsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's Kafka producer: idempotent, {@code acks=all}, created on first use (a service whose relay is off never
 * connects one) and closed at shutdown. A record the producer cannot deliver within
 * {@code resolve.events.outbox.send-timeout} fails its future; the relay decides what that means.
 */
@ApplicationScoped
public class KafkaOutboxTransport implements OutboxTransport {

    private final Map<String, Object> kafkaConfig;
    private final EventsConfig.Outbox config;
    private volatile KafkaProducer<String, byte[]> producer;

    public KafkaOutboxTransport(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventsConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config.outbox();
    }

    @Override
    public CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        producer().send(record, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(null);
            }
        });
        return result;
    }

    @Override
    public void flush() {
        producer().flush();
    }

    void close(@Observes ShutdownEvent event) {
        KafkaProducer<String, byte[]> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(5));
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> open = producer;
        if (open == null) {
            synchronized (this) {
                open = producer;
                if (open == null) {
                    open = new KafkaProducer<>(settings(), new StringSerializer(), new ByteArraySerializer());
                    producer = open;
                }
            }
        }
        return open;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                settings.put(key, value);
            }
        });
        int delivery = (int) config.sendTimeout().toMillis();
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.maxBlock().toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, delivery / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + UUID.randomUUID());
        return settings;
    }
}
