package dev.resolve.launcher;

import dev.resolve.embedded.EmbeddedKafkaBroker;

import java.util.function.Consumer;

/** The embedded Kafka broker (KRaft, in this JVM); its topics, records and offsets live in the data folder's kafka/. */
final class KafkaControl extends ServerControl<EmbeddedKafkaBroker> {

    KafkaControl(Consumer<String> progress) {
        super("Kafka", EmbeddedKafkaBroker::start, EmbeddedKafkaBroker::close, progress);
    }

    /** The {@code bootstrap.servers} value, the same while the broker is stopped and after it is started again. */
    String bootstrapServers() {
        return "localhost:" + port();
    }
}
