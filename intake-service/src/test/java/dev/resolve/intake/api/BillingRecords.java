package dev.resolve.intake.api;

import dev.resolve.contracts.json.Json;
import dev.resolve.testing.KafkaTopics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Records as a billing system's stock Kafka client writes them: CloudEvents binary mode with only the headers the
 * AsyncAPI document requires of outside producers (none of the suite's extensions), keyed as documented.
 */
final class BillingRecords {

    private BillingRecords() {
    }

    /** Sends {@code payload} (a record or a map) as event {@code type} ({@code InvoiceIssued.v1}) to {@code topic}. */
    static String send(String topic, String key, String type, Object payload) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(topic, key, Json.mapper().writeValueAsBytes(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "/billing/sap-erp");
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        KafkaTopics.send(record);
        return id;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
