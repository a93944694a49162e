package dev.amends.common.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.support.CommonTestServers;
import dev.amends.common.support.Topic;
import dev.amends.common.support.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.amends.common.support.Events.AT;
import static dev.amends.common.support.Events.acknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox on a real PostgreSQL and Kafka: written in the caller's transaction, relayed in order, once the lock is free. */
@QuarkusTest
@QuarkusTestResource(CommonTestServers.class)
class OutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    OutboxWriter writer;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;
    @Inject
    Tracer tracer;

    private final Topic cases = new Topic(Topics.CASES);
    private final Topic comments = new Topic(Topics.COMMENTS);

    @Test
    void publishesAnEventWhenItsTransactionCommitsAndNeverWhenItRollsBack() throws Exception {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        Transactions.rolledBack(() -> write(rolledBack));
        CloudEvent<EventData> event = QuarkusTransaction.requiringNew().call(() -> write(committed));

        ConsumerRecord<String, String> record = awaitOnly(cases, committed.toString());
        JsonNode published = mapper.readTree(record.value());
        assertThat(published.path("id").asText()).isEqualTo(event.id().toString());
        assertThat(published.path("type").asText()).isEqualTo(EventType.CASE_ACKNOWLEDGED.type());
        assertThat(published.path("source").asText()).isEqualTo("/common-test");
        assertThat(published.path("subject").asText()).isEqualTo(committed.toString());
        assertThat(published.path("data").path("actor").asText()).isEqualTo("ola");
        assertThat(Topic.header(record, "content-type")).isEqualTo(CloudEvent.CONTENT_TYPE);
        awaitEmptyOutbox();
        assertThat(cases.records(keyed(rolledBack.toString()))).isEmpty();
    }

    @Test
    void deletesAnEventOnceKafkaHasAcknowledgedIt() throws Exception {
        UUID incident = UUID.randomUUID();
        CloudEvent<EventData> event = QuarkusTransaction.requiringNew().call(() -> write(incident));

        awaitOnly(cases, incident.toString());
        await().atMost(PATIENCE).until(() -> outboxRows(event.id()) == 0);
    }

    @Test
    void numbersEachSubjectsEventsFromOne() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        List<String> sequences = List.of(
                QuarkusTransaction.requiringNew().call(() -> write(first)).sequence(),
                QuarkusTransaction.requiringNew().call(() -> write(first)).sequence(),
                QuarkusTransaction.requiringNew().call(() -> write(second)).sequence());

        assertThat(sequences).containsExactly("1", "2", "1");
    }

    @Test
    void refusesABatchWithTwoEventsAboutOneSubject() {
        UUID incident = UUID.randomUUID();
        PendingEvent event = writer.prepare(incident.toString(), incident.toString(), AT, acknowledged(incident, "ola"));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> writer.writeAll(List.of(event, event))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(QuarkusTransaction.requiringNew().call(() -> write(incident)).sequence()).isEqualTo("1");
    }

    @Test
    void sendsNothingWhileAnotherReplicaHoldsTheRelayLock() throws Exception {
        UUID incident = UUID.randomUUID();
        try (Connection otherReplica = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"))) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            double standbyBefore = standbyChecks();
            CloudEvent<EventData> event = QuarkusTransaction.requiringNew().call(() -> write(incident));

            await().atMost(PATIENCE).until(() -> standbyChecks() >= standbyBefore + 3);
            assertThat(outboxRows(event.id())).isEqualTo(1);
            assertThat(cases.records(keyed(incident.toString()))).isEmpty();
            otherReplica.rollback();
        }
        awaitOnly(cases, incident.toString());
    }

    @Test
    void carriesTheTraceOfTheWorkThatWroteTheEvent() throws Exception {
        UUID incident = UUID.randomUUID();
        Span span = tracer.spanBuilder("report incident").startSpan();
        try (Scope scope = span.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() -> write(incident));
        } finally {
            span.end();
        }

        ConsumerRecord<String, String> record = awaitOnly(cases, incident.toString());
        assertThat(Topic.header(record, "traceparent"))
                .isEqualTo("00-" + span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId() + "-01");
    }

    @Test
    void relaysPlainRecordsAndTombstonesInOrder() throws Exception {
        String invitation = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> writer.writePlain(Topics.COMMENTS, invitation, Map.of("comment", "Takk!")));
        QuarkusTransaction.requiringNew().run(() -> writer.writePlain(Topics.COMMENTS, invitation, null));

        await().atMost(PATIENCE).until(() -> comments.records(keyed(invitation)).size() == 2);
        List<ConsumerRecord<String, String>> records = comments.records(keyed(invitation));
        assertThat(mapper.readTree(records.get(0).value()).path("comment").asText()).isEqualTo("Takk!");
        assertThat(Topic.header(records.get(0), "content-type")).isEqualTo("application/json");
        assertThat(records.get(1).value()).isNull();
        assertThat(Topic.header(records.get(1), "content-type")).isNull();
    }

    private CloudEvent<EventData> write(UUID incident) {
        return writer.write(incident.toString(), incident.toString(), AT, acknowledged(incident, "ola"));
    }

    private static ConsumerRecord<String, String> awaitOnly(Topic topic, String key) {
        await().atMost(PATIENCE).until(() -> !topic.records(keyed(key)).isEmpty());
        List<ConsumerRecord<String, String>> records = topic.records(keyed(key));
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static Predicate<ConsumerRecord<String, String>> keyed(String key) {
        return record -> key.equals(record.key());
    }

    private double standbyChecks() {
        return registry.get("amends.outbox.relay.standby").counter().count();
    }

    private long outboxRows(UUID eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox_event where event_id = ?")) {
            count.setObject(1, eventId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void awaitEmptyOutbox() {
        await().atMost(PATIENCE).until(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement count = connection.prepareStatement("select count(*) from outbox_event");
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        });
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
