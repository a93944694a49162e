package dev.amends.intake.support;

import dev.amends.common.events.Topics;
import dev.amends.local.AmendsTestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A plain Kafka consumer of amends.incidents.v1, reading from the beginning. */
public final class IncidentTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public IncidentTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, AmendsTestStack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "intake-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.INCIDENTS));
    }

    /** Every record with this key, waiting until there are at least {@code count}. */
    public List<ConsumerRecord<String, String>> awaitRecords(String key, int count, Duration timeout) {
        await().atMost(timeout).until(() -> {
            poll();
            return recordsWithKey(key).size() >= count;
        });
        return recordsWithKey(key);
    }

    /** Polls for a while and answers every record seen so far that matches. */
    public List<ConsumerRecord<String, String>> recordsAfterPolling(Duration during,
                                                                    Predicate<ConsumerRecord<String, String>> matching) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
        return seen.stream().filter(matching).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private List<ConsumerRecord<String, String>> recordsWithKey(String key) {
        return seen.stream().filter(record -> key.equals(record.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
