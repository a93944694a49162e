package dev.amends.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

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

    /**
     * Every matching record the service has published so far: waits until {@code outbox} has no
     * row left (the relay deletes a row only after the broker acknowledged it, so everything
     * written before is on the topic), then reads up to the topic's end. What a test expects not
     * to see would have been published by then, without waiting an arbitrary while.
     */
    public List<ConsumerRecord<String, String>> allPublished(DataSource outbox, Predicate<ConsumerRecord<String, String>> matching) {
        awaitEmptyOutbox(outbox);
        return toEnd(matching);
    }

    /**
     * Every matching record on the topic now: reads up to the end offsets the broker reports at
     * the call. A test calls it after a marker showed that whatever it expects not to see would
     * have been written by then.
     */
    public List<ConsumerRecord<String, String>> toEnd(Predicate<ConsumerRecord<String, String>> matching) {
        while (consumer.assignment().isEmpty()) {
            poll();
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue())) {
            poll();
        }
        return matching(matching);
    }

    private static void awaitEmptyOutbox(DataSource outbox) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection connection = outbox.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_event")) {
            while (true) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the outbox did not drain within 30 s");
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many records the topic holds, summed over its partitions' end offsets. */
    public static long endOffsets(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-offsets-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
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
