package dev.amends.local;

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

/** For tests: a plain Kafka consumer of one topic from its beginning, in a group of its own. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Waits until at least {@code count} records match, then answers all that match so far. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
                                                      Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (matching(matching).size() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError("expected " + count + " matching records within " + timeout
                        + ", saw " + matching(matching).size());
            }
            poll();
        }
        return matching(matching);
    }

    /** Polls for a while and answers every record seen so far that matches. */
    public List<ConsumerRecord<String, String>> after(Duration during, Predicate<ConsumerRecord<String, String>> matching) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
        return matching(matching);
    }

    /** How many records the topic holds, summed over its partitions' end offsets. */
    public static long endOffsets(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-offsets-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static Predicate<ConsumerRecord<String, String>> key(String key) {
        return record -> key.equals(record.key());
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> matching) {
        return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
