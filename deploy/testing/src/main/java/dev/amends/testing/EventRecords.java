package dev.amends.testing;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;

/** For tests: Kafka records exactly as the outbox relay sends them, content-type header included. */
public final class EventRecords {

    public static ProducerRecord<String, String> of(String topic, String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(new RecordHeader("content-type",
                "application/cloudevents+json".getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private EventRecords() {
    }
}
