package dev.amends.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.SlaClock;
import dev.amends.common.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The events of scheduled work (SLA warnings and breaches, promises at risk and broken, survey
 * invitations) of a run's incidents, read from the beginning of their topics: each counted once
 * per what it is about (incident, clock or promise, attempt), with every distinct event id it was
 * published under. More than one id is work done twice, by two replicas or after a crash.
 */
final class ScheduledWorkTally implements AutoCloseable {

    private static final Set<String> TIMED = Set.of(EventType.CASE_SLA_WARNING.type(), EventType.CASE_SLA_BREACHED.type(),
            EventType.CASE_PROMISE_AT_RISK.type(), EventType.CASE_PROMISE_BROKEN.type(), EventType.SURVEY_INVITED.type());

    private final ObjectMapper mapper = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Set<String> incidents;
    /** "type incident clock-or-promise attempt" → distinct event ids. */
    private final Map<String, Set<String>> eventIds = new HashMap<>();

    ScheduledWorkTally(String bootstrapServers, Set<String> incidents) {
        this.incidents = Set.copyOf(incidents);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = Stream.of(Topics.CASES, Topics.SURVEYS)
                .flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has been published since the last call. */
    void catchUp() throws IOException {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                JsonNode event = mapper.readTree(record.value());
                String type = event.path("type").asText();
                JsonNode data = event.path("data");
                String incident = data.path("incidentId").asText();
                if (TIMED.contains(type) && incidents.contains(incident)) {
                    String about = data.hasNonNull("promiseId") ? data.get("promiseId").asText() : data.path("clock").asText();
                    eventIds.computeIfAbsent(String.join(" ", type, incident, about, data.path("attempt").asText()),
                            key -> new HashSet<>()).add(event.get("id").asText());
                }
            }
        }
    }

    /** How many things of this type (SLA clock, promise, invitation) got an event. */
    long count(EventType type) {
        return eventIds.keySet().stream().filter(key -> key.startsWith(type.type() + " ")).count();
    }

    /** How many of them got it under more than one event id. */
    long doubled(EventType type) {
        return eventIds.entrySet().stream()
                .filter(e -> e.getKey().startsWith(type.type() + " ") && e.getValue().size() > 1).count();
    }

    /** Whether the incident's first attempt had this event for this clock. */
    boolean has(EventType type, String incident, SlaClock clock) {
        return eventIds.containsKey(String.join(" ", type.type(), incident, clock.name(), "1"));
    }

    /** Whether the incident had this event (for any promise or clock, any attempt). */
    boolean has(EventType type, String incident) {
        String prefix = type.type() + " " + incident + " ";
        return eventIds.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
