package dev.amends.local;

import dev.amends.common.events.Topics;
import dev.amends.local.servers.LocalKafka;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The contract's topics on a local broker, with the partitions and retention the contract gives them. */
public final class ContractTopics {

    private ContractTopics() {
    }

    /** Creates the contract's topics, the dead-letter topics and the compacted comments topic unless they exist. */
    public static void create(LocalKafka kafka) throws InterruptedException, ExecutionException {
        List<NewTopic> topics = new ArrayList<>(like(Topics.ALL));
        topics.addAll(like(Topics.DEAD_LETTERS));
        topics.add(compacted(Topics.COMMENTS));
        kafka.createUnlessPresent(topics);
    }

    /** Topics with the contract's partitions and retention, under other names (a benchmark's). */
    public static List<NewTopic> like(List<String> names) {
        return names.stream().map(name -> new NewTopic(name, Topics.PARTITIONS, (short) 1)
                .configs(Map.of("retention.ms", Topics.RETENTION_MS))).toList();
    }

    /**
     * A compacted topic: the broker keeps each key's latest value, and removes a key whose latest
     * value is a tombstone. Segments roll every second here so that compaction reaches them soon.
     */
    private static NewTopic compacted(String name) {
        return new NewTopic(name, Topics.PARTITIONS, (short) 1).configs(Map.of(
                "cleanup.policy", "compact", "retention.ms", Topics.RETENTION_MS, "segment.ms", "1000",
                "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "60000"));
    }
}
