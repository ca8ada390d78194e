package dev.resolve.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Consumer lag of the suite's consumer groups by their committed offsets, in records and in time. */
final class KafkaLag implements AutoCloseable {

    // Records: end offsets of the topics a group reads minus its committed offsets. Time: how long ago the oldest
    // record the group has not committed was written (its timestamp).

    /** The consumer groups of the suite (each service's application name) and the topics each reads. */
    static final Map<String, List<String>> GROUP_TOPICS = groupTopics();

    /** One group's lag at one moment; {@code timeLagMs} is null when it was not asked for or could not be read. */
    record GroupLag(String group, long records, long end, Long timeLagMs) {
    }

    /** The client id prefix of this class' Kafka clients (their threads carry it in their names). */
    static final String CLIENT_ID = "resolve-bench-lag";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();

    KafkaLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID));
        this.peeker = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536",
                ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-peek"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The number of records in {@code topics} (the sum of their end offsets; nothing is deleted during a run). */
    synchronized long records(Collection<String> topics) {
        return endOffsets(partitionsOf(topics)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The group's lag over the topics it reads; with {@code timeLag}, also in milliseconds. Null when unknown. */
    synchronized GroupLag lag(String group, boolean timeLag) {
        List<TopicPartition> read = partitionsOf(GROUP_TOPICS.get(group));
        Map<TopicPartition, Long> ends = endOffsets(read);
        if (ends.isEmpty() && !read.isEmpty()) {
            return null;
        }
        Map<TopicPartition, Long> committed = committed(group);
        long records = 0;
        long end = 0;
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition partition : read) {
            long last = ends.getOrDefault(partition, 0L);
            long done = committed.getOrDefault(partition, 0L);
            end += last;
            if (last > done) {
                records += last - done;
                behind.put(partition, done);
            }
        }
        Long lagMs = null;
        if (timeLag) {
            lagMs = behind.isEmpty() ? 0L : oldestUncommittedAge(behind);
        }
        return new GroupLag(group, records, end, lagMs);
    }

    /** Committed offsets of {@code group}; empty when it has none yet. */
    synchronized Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    result.put(partition, offset.offset());
                }
            });
            return result;
        } catch (Exception e) {
            interruptIf(e);
            return Map.of();
        }
    }

    private Long oldestUncommittedAge(Map<TopicPartition, Long> behind) {
        long now = System.currentTimeMillis();
        try {
            peeker.assign(behind.keySet());
            behind.forEach(peeker::seek);
            Map<TopicPartition, Long> firstTimestamp = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (firstTimestamp.size() < behind.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : peeker.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (firstTimestamp.putIfAbsent(partition, record.timestamp()) == null) {
                        peeker.pause(Set.of(partition));
                    }
                }
            }
            peeker.resume(peeker.paused());
            return firstTimestamp.values().stream().mapToLong(Long::longValue).min().stream()
                    .mapToObj(oldest -> Math.max(0, now - oldest)).findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) {
        List<TopicPartition> result = new ArrayList<>();
        List<String> unknown = topics.stream().filter(topic -> !partitions.containsKey(topic)).toList();
        if (!unknown.isEmpty()) {
            try {
                Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                List<String> describe = unknown.stream().filter(existing::contains).toList();
                if (!describe.isEmpty()) {
                    Map<String, TopicDescription> descriptions = admin.describeTopics(describe).allTopicNames()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    descriptions.forEach((topic, description) -> partitions.put(topic, description.partitions().stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList()));
                }
            } catch (Exception e) {
                interruptIf(e);
            }
        }
        for (String topic : topics) {
            result.addAll(partitions.getOrDefault(topic, List.of()));
        }
        return result;
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> read) {
        if (read.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        read.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            answer.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (Exception e) {
            interruptIf(e);
            return Map.of();
        }
    }

    private static void interruptIf(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<String>> groupTopics() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("case-service", List.of("intake.requests"));
        groups.put("audit-service", List.of("intake.requests", "cases.events", "approvals.events"));
        groups.put("metrics-service", List.of("intake.requests", "cases.events"));
        return java.util.Collections.unmodifiableMap(groups);
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
