package dev.amends.systemtests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.GroupState;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The services' consumer groups as the broker sees them: members and partitions assigned. After
 * a replica is killed its consumers stay members until their session times out; the group has
 * rebalanced when it is stable again with as many members as before and every partition assigned.
 */
final class ConsumerGroups {

    /** One group: its state, how many members, how many partitions they hold between them. */
    record Group(String state, int members, int partitions) {
        @Override
        public String toString() {
            return state + ", " + members + " members, " + partitions + " partitions assigned";
        }
    }

    private ConsumerGroups() {
    }

    /** Every group of the broker with what it has now. */
    static Map<String, Group> describe(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> ids = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(listing -> listing.groupId()).toList();
            Map<String, Group> groups = new TreeMap<>();
            for (ConsumerGroupDescription group : admin.describeConsumerGroups(ids).all().get(30, TimeUnit.SECONDS).values()) {
                int partitions = group.members().stream()
                        .map(MemberDescription::assignment).mapToInt(assignment -> assignment.topicPartitions().size()).sum();
                groups.put(group.groupId(), new Group(group.groupState().toString(), group.members().size(), partitions));
            }
            return groups;
        }
    }

    /** Waits (up to {@code patience}) until every group with members is stable; answers those groups. */
    static Map<String, Group> awaitStable(String bootstrapServers, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Map<String, Group> groups = withMembers(describe(bootstrapServers));
        while (groups.values().stream().anyMatch(group -> !isStable(group)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            groups = withMembers(describe(bootstrapServers));
        }
        return groups;
    }

    private static Map<String, Group> withMembers(Map<String, Group> groups) {
        groups.values().removeIf(group -> group.members() == 0);
        return groups;
    }

    private static boolean isStable(Group group) {
        return GroupState.STABLE.toString().equals(group.state());
    }

    /**
     * Waits (up to {@code patience}) until every group of {@code before} is stable with the same
     * members and partitions again; answers the groups as they were last seen.
     */
    static Map<String, Group> awaitRebalanced(String bootstrapServers, Map<String, Group> before, Duration patience)
            throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Map<String, Group> now = describe(bootstrapServers);
        while (!rebalanced(before, now) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            now = describe(bootstrapServers);
        }
        return now;
    }

    /** Records the group has committed on the topic, over all its partitions (each starts at offset 0). */
    static long committed(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                .filter(partition -> partition.getKey().topic().equals(topic) && partition.getValue() != null)
                .mapToLong(partition -> partition.getValue().offset()).sum();
    }

    /** Records the groups have not yet committed, over every partition they read. */
    static long lag(Admin admin, List<String> groups) throws Exception {
        long lag = 0;
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            for (var partition : committed.entrySet()) {
                long position = partition.getValue() == null ? 0 : partition.getValue().offset();
                lag += ends.get(partition.getKey()).offset() - position;
            }
        }
        return lag;
    }

    static boolean rebalanced(Map<String, Group> before, Map<String, Group> now) {
        return before.entrySet().stream().allMatch(group -> {
            Group after = now.get(group.getKey());
            return after != null && isStable(after)
                    && after.members() == group.getValue().members() && after.partitions() == group.getValue().partitions();
        });
    }
}
