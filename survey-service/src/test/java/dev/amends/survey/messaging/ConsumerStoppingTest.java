package dev.amends.survey.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.messaging.EventConsumption;
import dev.amends.common.messaging.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer whose wait for the database is interrupted (the service stopping) must neither
 * acknowledge its records nor dead-letter them: they come again after the restart.
 */
@QuarkusTest
class ConsumerStoppingTest {

    @Inject
    EventConsumption consumption;
    @Inject
    ProcessedEvents processed;
    @Inject
    ObjectMapper mapper;

    @Test
    void aConsumerStoppedWhileItWaitsForTheDatabaseLeavesItsRecordsForTheRestart() throws Exception {
        String consumer = "stopping-test-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        List<String> settled = new CopyOnWriteArrayList<>();
        KafkaRecord<String, String> record = record(eventId, settled);
        AtomicInteger attempts = new AtomicInteger();

        CompletionStage<Void> outcome;
        try {
            outcome = consumption.applyAll(consumer, new Batch(List.of(record), settled), data -> {
                attempts.incrementAndGet();
                // The database went away, and the service is stopping meanwhile.
                Thread.currentThread().interrupt();
                throw new IllegalStateException(new SQLException("connection lost", "08006"));
            });
        } finally {
            Thread.interrupted();
        }

        assertThat(attempts.get()).isPositive();
        assertThat(outcome.toCompletableFuture().isDone()).isFalse();
        assertThat(settled).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery(consumer, eventId)))
                .as("the event is not recorded as processed, so it is applied after the restart").isTrue();
    }

    private KafkaRecord<String, String> record(UUID eventId, List<String> settled) throws Exception {
        UUID incident = UUID.randomUUID();
        var event = CloudEvent.of(eventId, "/intake-service", incident.toString(), Instant.now(), 1,
                new IncidentReported(incident, "webshop", null, Channel.WEB, "order", Severity.LOW, false, null,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), "k1:" + "3d".repeat(32), "en"));
        return KafkaRecord.<String, String>of(Topics.INCIDENTS, incident.toString(), mapper.writeValueAsString(event))
                .withAck(() -> {
                    settled.add("record acknowledged");
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    settled.add("record dead-lettered");
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** One poll's records as the connector hands them over; remembers what was acknowledged. */
    private record Batch(List<KafkaRecord<String, String>> records, List<String> settled)
            implements KafkaRecordBatch<String, String> {

        @Override
        public List<KafkaRecord<String, String>> getRecords() {
            return records;
        }

        @Override
        public Map<TopicPartition, KafkaRecord<String, String>> getLatestOffsetRecords() {
            return Map.of();
        }

        @Override
        public List<String> getPayload() {
            return records.stream().map(KafkaRecord::getPayload).toList();
        }

        @Override
        public Iterator<KafkaRecord<String, String>> iterator() {
            return records.iterator();
        }

        @Override
        public CompletionStage<Void> ack(Metadata metadata) {
            settled.add("batch acknowledged");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> nack(Throwable reason, Metadata metadata) {
            settled.add("batch dead-lettered");
            return CompletableFuture.completedFuture(null);
        }
    }
}
