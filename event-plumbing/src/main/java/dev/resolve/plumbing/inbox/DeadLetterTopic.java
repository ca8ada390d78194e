package dev.resolve.plumbing.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.resolve.contracts.events.CloudEventHeaders;
import dev.resolve.contracts.events.Topics;
import dev.resolve.plumbing.outbox.OutboxTransport;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The service's dead-letter topic, {@code <service>.dlq}, as operators use it: what waits there, and re-driving it
 * to the topics the records came from. What was re-driven is remembered as the committed offsets of the consumer
 * group {@code <service>.dlq-redrive}, so a record goes back once.
 */
@ApplicationScoped
public class DeadLetterTopic {

    /** Header added to a re-driven record: when it was re-driven. */
    public static final String REDRIVEN_AT = "resolve-redriven-at";
    private static final String DEAD_LETTER_PREFIX = "dead-letter-";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final String redriveGroup;
    private final Map<String, Object> kafkaConfig;
    private final OutboxTransport transport;

    public DeadLetterTopic(@ConfigProperty(name = "quarkus.application.name") String service,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxTransport transport) {
        this.topic = Topics.deadLetter(service);
        this.redriveGroup = topic + "-redrive";
        this.kafkaConfig = kafkaConfig;
        this.transport = transport;
    }

    /** A record waiting in the dead-letter topic. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetter(int partition, long offset, String key, String eventId, String eventType, String originalTopic,
            Integer originalPartition, Long originalOffset, String reason, Instant deadLetteredAt) {
    }

    /** The records not re-driven yet, at most {@code limit}, and whether more wait. */
    public record Waiting(String topic, List<DeadLetter> items, boolean more) {
    }

    public String topic() {
        return topic;
    }

    /** Lists up to {@code limit} records not re-driven yet. */
    public Waiting waiting(int limit) {
        List<DeadLetter> items = new ArrayList<>();
        boolean more = scan(limit + 1, record -> items.add(describe(record)), false) > limit;
        return new Waiting(topic, more ? items.subList(0, limit) : items, more);
    }

    /** Re-drives every record not re-driven yet; returns how many. */
    public synchronized int redrive() {
        int count = scan(Integer.MAX_VALUE, this::send, true);
        if (count > 0) {
            Log.infof("Re-drove %d record(s) from %s to their topics", count, topic);
        }
        return count;
    }

    private void send(ConsumerRecord<String, byte[]> record) {
        String target = text(record, "dead-letter-topic");
        if (target == null) {
            Log.warnf("Dead letter %s-%d@%d names no original topic; skipped", topic, record.partition(), record.offset());
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> sent = transport.send(new ProducerRecord<>(target, null, record.key(), record.value(), headers));
        transport.flush();
        try {
            sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while re-driving", e);
        } catch (Exception e) {
            throw new UnavailableException("Kafka did not take the re-driven record: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the records after the re-drive group's committed offsets, giving each to {@code action} until
     * {@code limit} were read; commits the offsets of those read when {@code commit}.
     *
     * @return how many records were given to {@code action}
     */
    private int scan(int limit, java.util.function.Consumer<ConsumerRecord<String, byte[]>> action, boolean commit) {
        Map<String, Object> settings = clientSettings();
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, redriveGroup);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return 0;
            }
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions), TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            int count = 0;
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos() * 3;
            while (count < limit && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new UnavailableException("The dead-letter topic could not be read in time", null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (count >= limit || record.offset() >= end.get(partition)) {
                        continue;
                    }
                    action.accept(record);
                    count++;
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            if (commit && !done.isEmpty()) {
                consumer.commitSync(done, TIMEOUT);
            }
            return count;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UnavailableException("Kafka is unreachable: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                settings.put(key, value);
            }
        });
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return settings;
    }

    private DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        return new DeadLetter(record.partition(), record.offset(), record.key(), text(record, CloudEventHeaders.ID),
                text(record, CloudEventHeaders.TYPE), text(record, "dead-letter-topic"), integer(text(record, "dead-letter-partition")),
                longValue(text(record, "dead-letter-offset")), text(record, "dead-letter-reason"), Instant.ofEpochMilli(record.timestamp()));
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null || found.value() == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Kafka could not be reached or did not answer in time. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
