package dev.amends.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * After a benchmark: counts the incidents of one source intake has stored ({@code GET /incidents})
 * and their incident.reported events on the topic, once intake's outbox has drained. Prints one line:
 * {@code rows=N incidents_with_event=N distinct_event_ids=N more_than_one_id=N missing=N}.
 * Arguments: intake-url agent-token bootstrap-servers source.
 */
public final class IncidentDeliveryCheck {

    public static void main(String[] args) throws Exception {
        String intakeUrl = args[0];
        String agentToken = args[1];
        String bootstrap = args[2];
        String source = args[3];
        OutboxDrain.await(intakeUrl, Duration.ofMinutes(3));
        Set<String> incidents = new HashSet<>();
        new IntakeApi(intakeUrl, agentToken).incidentsOf(source).values().forEach(incidents::addAll);
        Map<String, Set<String>> eventIds = eventIds(bootstrap, Topics.INCIDENTS,
                event -> source.equals(event.path("data").path("source").asText()));
        long distinct = eventIds.values().stream().mapToLong(Set::size).sum();
        long moreThanOne = eventIds.values().stream().filter(ids -> ids.size() > 1).count();
        long missing = incidents.stream().filter(id -> !eventIds.containsKey(id)).count();
        System.out.printf("rows=%d incidents_with_event=%d distinct_event_ids=%d more_than_one_id=%d missing=%d%n",
                incidents.size(), eventIds.size(), distinct, moreThanOne, missing);
    }

    /** Every event on the topic that matches, as key → the distinct event ids seen for it. */
    static Map<String, Set<String>> eventIds(String bootstrap, String topic, Predicate<JsonNode> matching) throws Exception {
        Map<String, Set<String>> eventIds = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = mapper.readTree(record.value());
                    if (matching.test(event)) {
                        eventIds.computeIfAbsent(record.key(), k -> new HashSet<>()).add(event.get("id").asText());
                    }
                }
            }
        }
        return eventIds;
    }
}
