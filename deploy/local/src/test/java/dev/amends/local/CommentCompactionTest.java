package dev.amends.local;

import dev.amends.common.events.Topics;
import dev.amends.local.servers.LocalKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On a real broker, the comments topic as the stack creates it forgets a comment once its tombstone is written. */
class CommentCompactionTest {

    @Test
    void aTombstoneRemovesTheCommentFromTheCompactedTopic() throws Exception {
        Path folder = Files.createTempDirectory("amends-compaction");
        try (LocalKafka kafka = LocalKafka.start(folder, 0)) {
            ContractTopics.create(kafka);
            String key = UUID.randomUUID().toString();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.COMMENTS, 0, key, "{\"comment\": \"Call me, Kari\"}")).get();
                Thread.sleep(1_500); // past segment.ms: the next record rolls the segment
                producer.send(new ProducerRecord<>(Topics.COMMENTS, 0, key, null)).get();
                Thread.sleep(1_500);
                // Compaction cleans closed segments only: one more record closes the tombstone's.
                producer.send(new ProducerRecord<>(Topics.COMMENTS, 0, "filler-" + key, "{}")).get();
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(valuesOf(kafka.bootstrapServers(), key)).doesNotContain("{\"comment\": \"Call me, Kari\"}"));
        }
    }

    /** Every value the topic still holds for the key, read from the beginning (a tombstone as null). */
    private static List<String> valuesOf(String bootstrapServers, String key) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.COMMENTS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }
}
