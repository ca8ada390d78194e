package dev.resolve.plumbing.health;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Whether the Kafka cluster answers, at {@code /q/health/well}: reported, but not a reason to be unready. */
@Wellness
@ApplicationScoped
public class KafkaCheck implements HealthCheck {

    private final Map<String, Object> kafkaConfig;
    private volatile Admin admin;

    public KafkaCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("nodes", nodes).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named("kafka").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> settings = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key) || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                            settings.put(key, value);
                        }
                    });
                    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-" + kafkaConfig.getOrDefault("group.id", "resolve"));
                    admin = Admin.create(settings);
                }
                current = admin;
            }
        }
        return current;
    }

    void close(@Observes ShutdownEvent event) {
        Admin current = admin;
        if (current != null) {
            current.close();
        }
    }
}
