package dev.resolve.plumbing;

import dev.resolve.contracts.events.Aggregate;
import dev.resolve.contracts.events.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics a service uses when they are missing, with {@code resolve.events.topics.partitions}
 * partitions: every aggregate topic (keyed by aggregate id, so one aggregate's events share a partition), the topics
 * its channels read, and its dead-letter topic. Runs before the consumers start; when Kafka is not there yet it
 * leaves creation to the broker's defaults and says so. An existing topic is left as it is: adding partitions
 * would move aggregates to other partitions and break their order.
 */
@ApplicationScoped
public class EventTopics {

    private final EventsConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Config settings;

    public EventTopics(EventsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Config settings) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.settings = settings;
    }

    void create(@Observes @Priority(1) StartupEvent event) {
        if (!config.topics().create()) {
            return;
        }
        Set<String> wanted = topics();
        Map<String, Object> adminSettings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                adminSettings.put(key, value);
            }
        });
        adminSettings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        adminSettings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(adminSettings)) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.of(config.topics().partitions()), config.topics().replicationFactor()))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(5, TimeUnit.SECONDS);
                    Log.infof("Created topic %s with %d partitions", result.getKey(), config.topics().partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted).allTopicNames().get(5, TimeUnit.SECONDS);
            described.forEach((topic, description) -> {
                if (description.partitions().size() != config.topics().partitions()) {
                    Log.infof("Topic %s has %d partitions (resolve.events.topics.partitions is %d); left as it is",
                            topic, description.partitions().size(), config.topics().partitions());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.warnf("Topics %s not checked (Kafka unreachable?): %s. Missing ones are created by the broker's defaults on first use.",
                    wanted, Faults.rootMessage(e));
        }
    }

    private Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (Aggregate aggregate : Aggregate.values()) {
            topics.add(aggregate.topic());
        }
        boolean consumes = false;
        for (String name : settings.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
                settings.getOptionalValue(name, String.class).ifPresent(topics::add);
                consumes = true;
            }
        }
        if (consumes) {
            topics.add(Topics.deadLetter(settings.getValue("quarkus.application.name", String.class)));
        }
        return topics;
    }
}
