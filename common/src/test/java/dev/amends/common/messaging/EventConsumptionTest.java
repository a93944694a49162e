package dev.amends.common.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.support.CommonTestServers;
import dev.amends.common.support.Topic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.amends.common.support.Events.AT;
import static dev.amends.common.support.Events.acknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumption as every service's consumer does it ({@link AcknowledgementRecorder}), from a real
 * topic: each event applied once, unknown types skipped, only the record at fault dead-lettered,
 * the effect in the trace of its record. Each test's records share one key, so one partition
 * keeps their order: when the last one is applied, the earlier ones have been dealt with.
 */
@QuarkusTest
@QuarkusTestResource(CommonTestServers.class)
class EventConsumptionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    private final Topic cases = new Topic(Topics.CASES);
    private final Topic deadLetters = new Topic(CommonTestServers.DEAD_LETTERS);

    @Test
    void appliesAnEventOnceHoweverOftenItComes() throws Exception {
        UUID incident = UUID.randomUUID();
        String event = event(incident, "ola");
        cases.send(incident.toString(), event, Map.of());
        cases.send(incident.toString(), event, Map.of());

        sendAndAwaitMarker(incident);
        assertThat(applied(incident, "ola")).isEqualTo(1);
    }

    @Test
    void skipsATypeItDoesNotKnow() throws Exception {
        UUID incident = UUID.randomUUID();
        String unknown = event(incident, "ola").replace(EventType.CASE_ACKNOWLEDGED.type(), "dev.amends.case.teleported.v1");
        assertThat(unknown).contains("dev.amends.case.teleported.v1");
        cases.send(incident.toString(), unknown, Map.of());

        sendAndAwaitMarker(incident);
        assertThat(applied(incident, "ola")).isZero();
        assertThat(deadLetters.records(record -> incident.toString().equals(record.key()))).isEmpty();
    }

    @Test
    void deadLettersOnlyTheRecordWhoseEffectFails() throws Exception {
        UUID incident = UUID.randomUUID();
        String poison = event(incident, AcknowledgementRecorder.POISON);
        cases.send(incident.toString(), poison, Map.of());
        cases.send(incident.toString(), event(incident, "ola"), Map.of());

        sendAndAwaitMarker(incident);
        assertThat(applied(incident, "ola")).isEqualTo(1);
        assertThat(applied(incident, AcknowledgementRecorder.POISON)).isZero();
        assertThat(deadLetters.records(record -> incident.toString().equals(record.key())))
                .singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(poison));
    }

    @Test
    void deadLettersARecordThatIsNoEvent() throws Exception {
        UUID incident = UUID.randomUUID();
        cases.send(incident.toString(), "{\"type\": \"case.acknowledged\", \"data\": ", Map.of());

        sendAndAwaitMarker(incident);
        await().atMost(PATIENCE).until(() -> deadLetters.records(record -> incident.toString().equals(record.key())).size() == 1);
    }

    @Test
    void appliesAnEventInTheTraceItsRecordNames() throws Exception {
        UUID incident = UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        cases.send(incident.toString(), event(incident, "ola"), Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(PATIENCE).until(() -> applied(incident, "ola") == 1);
        assertThat(traceIdsApplied(incident)).containsExactly(traceId);
    }

    /** Sends a last acknowledgement by "marker" after the test's records and waits until it is applied. */
    private void sendAndAwaitMarker(UUID incident) throws Exception {
        cases.send(incident.toString(), event(incident, "marker"), Map.of());
        await().atMost(PATIENCE).until(() -> applied(incident, "marker") == 1);
    }

    private String event(UUID incident, String actor) throws Exception {
        return mapper.writeValueAsString(CloudEvent.of(UUID.randomUUID(), "/resolution-service", incident.toString(), AT, 1,
                acknowledged(incident, actor)));
    }

    private long applied(UUID incident, String actor) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from applied_event where incident_id = ? and actor = ?")) {
            count.setObject(1, incident);
            count.setString(2, actor);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<String> traceIdsApplied(UUID incident) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select trace_id from applied_event where incident_id = ?")) {
            select.setObject(1, incident);
            try (ResultSet rows = select.executeQuery()) {
                List<String> traceIds = new ArrayList<>();
                while (rows.next()) {
                    traceIds.add(rows.getString(1));
                }
                return traceIds;
            }
        }
    }
}
