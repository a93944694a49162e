package dev.amends.resolution.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A case opens for every incident.reported on the real topic, once, whatever Kafka redelivers. */
@QuarkusTest
class CaseOpeningTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    DataSource dataSource;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AmendsTestStack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void opensACaseWithClocksFromTheEffectiveSeverityAndPublishesCaseOpened() throws Exception {
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var event = incidentReported(UUID.randomUUID(), Severity.HIGH, true, reportedAt);
        String id = event.data().incidentId().toString();

        publish(Topics.INCIDENTS, id, event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).when().get("/cases/" + id).then().statusCode(200));
        given().auth().oauth2(agent()).when().get("/cases/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("OPEN"))
                .body("version", equalTo(1))
                .body("severity", equalTo("HIGH"))
                .body("public", equalTo(true))
                .body("channel", equalTo("SOCIAL"))
                .body("category", equalTo("delivery"))
                .body("customerRef", equalTo(event.data().customerRef()))
                .body("reportedAt", equalTo(format(reportedAt)))
                .body("owner", nullValue())
                .body("assignee", nullValue())
                .body("ownerChanges", equalTo(0))
                .body("reopenCount", equalTo(0))
                .body("attempt", equalTo(1))
                .body("acknowledgedAt", nullValue())
                // public HIGH counts as CRITICAL: acknowledge within PT15M, resolve within PT4H
                .body("acknowledgeBy", equalTo(format(reportedAt.plus(Duration.ofMinutes(15)))))
                .body("resolveBy", equalTo(format(reportedAt.plus(Duration.ofHours(4)))))
                .body("resolvedAt", nullValue())
                .body("closedAt", nullValue())
                .body("breached", equalTo(false))
                .body("pausedSince", nullValue())
                .body("promises", empty())
                .body("compensations", empty())
                .body("resolutions", empty())
                .body("history[0].actor", equalTo("system"))
                .body("history[0].change", equalTo("status"))
                .body("history[0].to", equalTo("OPEN"));

        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            ConsumerRecord<String, String> record = cases.await(TopicReader.key(id), 1, Duration.ofSeconds(30)).get(0);
            assertThat(RequestSchema.load(EventType.CASE_OPENED.schemaResource()).violations(record.value())).isEmpty();
            JsonNode opened = mapper.readTree(record.value());
            assertThat(opened.get("type").asText()).isEqualTo("dev.amends.case.opened.v1");
            assertThat(opened.get("source").asText()).isEqualTo("/resolution-service");
            assertThat(opened.get("subject").asText()).isEqualTo(id);
            assertThat(opened.get("sequence").asText()).isEqualTo("1");
            JsonNode data = opened.get("data");
            assertThat(data.get("incidentId").asText()).isEqualTo(id);
            assertThat(data.get("actor").asText()).isEqualTo("system");
            assertThat(data.get("attempt").asInt()).isEqualTo(1);
            assertThat(data.get("status").asText()).isEqualTo("OPEN");
            assertThat(data.get("severity").asText()).isEqualTo("HIGH");
            assertThat(data.get("effectiveSeverity").asText()).isEqualTo("CRITICAL");
            assertThat(data.get("public").asBoolean()).isTrue();
            assertThat(data.get("acknowledgeBy").asText()).isEqualTo(format(reportedAt.plus(Duration.ofMinutes(15))));
            assertThat(data.get("resolveBy").asText()).isEqualTo(format(reportedAt.plus(Duration.ofHours(4))));
        }
    }

    @Test
    void aRedeliveredOrRepeatedIncidentOpensOneCase() {
        var event = incidentReported(UUID.randomUUID(), Severity.LOW, false, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String id = event.data().incidentId().toString();
        var sameIncidentOtherEventId = new CloudEvent<>(event.specversion(), UUID.randomUUID(), event.source(),
                event.type(), event.subject(), event.time(), event.datacontenttype(), event.sequence(), event.data());

        publish(Topics.INCIDENTS, id, event);
        publish(Topics.INCIDENTS, id, event);
        publish(Topics.INCIDENTS, id, sameIncidentOtherEventId);
        awaitMarkerAfter(id);

        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            assertThat(cases.allPublished(dataSource, TopicReader.key(id))).hasSize(1);
        }
        given().auth().oauth2(agent()).when().get("/cases/" + id)
                .then().statusCode(200).body("version", equalTo(1)).body("history.size()", equalTo(1));
    }

    @Test
    void sendsUnreadableRecordsToTheDeadLetterTopicAndGoesOn() {
        String key = UUID.randomUUID().toString();
        producer.send(EventRecords.of(Topics.INCIDENTS, key, "{ this is not an event"));
        var next = incidentReported(UUID.randomUUID(), Severity.MEDIUM, false, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String nextId = next.data().incidentId().toString();
        publish(Topics.INCIDENTS, key, next);

        try (TopicReader dlq = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.deadLetter("resolution-service"))) {
            assertThat(dlq.await(TopicReader.key(key), 1, Duration.ofSeconds(60)).get(0).value())
                    .isEqualTo("{ this is not an event");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).when().get("/cases/" + nextId).then().statusCode(200));
    }

    @Test
    void ignoresEventTypesItDoesNotKnow() {
        String key = UUID.randomUUID().toString();
        String unknownType = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/intake-service\","
                + "\"type\":\"dev.amends.incident.translated.v1\",\"subject\":\"" + key + "\","
                + "\"time\":\"2026-11-20T10:00:01.123Z\",\"datacontenttype\":\"application/json\",\"sequence\":\"2\","
                + "\"data\":{\"incidentId\":\"" + key + "\"}}";
        producer.send(EventRecords.of(Topics.INCIDENTS, key, unknownType));
        awaitMarkerAfter(key);

        try (TopicReader dlq = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.deadLetter("resolution-service"))) {
            assertThat(dlq.toEnd(TopicReader.key(key))).isEmpty();
        }
        given().auth().oauth2(agent()).when().get("/cases/" + key).then().statusCode(404);
    }

    @Test
    void readingCasesNeedsAgentOrAnalyst() {
        given().when().get("/cases/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(AmendsTestStack.token("webshop", "reporter")).when().get("/cases/" + UUID.randomUUID())
                .then().statusCode(403).contentType("application/problem+json");
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).when().get("/cases/" + id)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void opensAnOutreachCaseWithItsDisruptionAndFollowsALaterLinkOfAComplaint() throws Exception {
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID disruption = UUID.randomUUID();
        UUID outreach = UUID.randomUUID();
        publish(Topics.INCIDENTS, outreach.toString(), CloudEvent.of(UUID.randomUUID(), "/intake-service", outreach.toString(),
                reportedAt, 1, new IncidentReported(outreach, "webshop", null, Channel.OTHER, "delivery", Severity.HIGH, false,
                        null, reportedAt, "k1:" + "0e".repeat(32), "nb-NO", Origin.OUTREACH, disruption)));
        var complaint = incidentReported(UUID.randomUUID(), Severity.LOW, false, reportedAt);
        String complaintId = complaint.data().incidentId().toString();
        publish(Topics.INCIDENTS, complaintId, complaint);
        publish(Topics.INCIDENTS, complaintId, CloudEvent.of(UUID.randomUUID(), "/intake-service", complaintId, reportedAt, 2,
                new IncidentLinked(complaint.data().incidentId(), disruption, reportedAt)));
        awaitMarkerAfter(complaintId);

        given().auth().oauth2(agent()).when().get("/cases/" + outreach).then().statusCode(200)
                .body("origin", equalTo("OUTREACH")).body("disruptionId", equalTo(disruption.toString()));
        given().auth().oauth2(agent()).when().get("/cases/" + complaintId).then().statusCode(200)
                .body("origin", equalTo("COMPLAINT")).body("disruptionId", equalTo(disruption.toString()))
                .body("version", equalTo(1));
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("disruptionId", disruption.toString())
                .queryParam("origin", "OUTREACH").when().get("/cases")
                .then().statusCode(200).body("id", equalTo(List.of(outreach.toString())));
        given().auth().oauth2(agent()).queryParam("disruptionId", disruption.toString()).when().get("/cases")
                .then().statusCode(200).header("X-Total-Count", "2");
        given().auth().oauth2(agent()).queryParam("origin", "NEVER").queryParam("disruptionId", "x").when().get("/cases")
                .then().statusCode(400);
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            String opened = cases.await(TopicReader.key(outreach.toString()), 1, Duration.ofSeconds(30)).get(0).value();
            assertThat(RequestSchema.load(EventType.CASE_OPENED.schemaResource()).violations(opened)).isEmpty();
            assertThat(mapper.readTree(opened).at("/data/origin").asText()).isEqualTo("OUTREACH");
            assertThat(mapper.readTree(opened).at("/data/disruptionId").asText()).isEqualTo(disruption.toString());
        }
    }

    private static String agent() {
        return AmendsTestStack.token("ola", "agent");
    }

    private static CloudEvent<IncidentReported> incidentReported(UUID id, Severity severity, boolean isPublic, Instant reportedAt) {
        var data = new IncidentReported(id, "webshop", "ORD-1", Channel.SOCIAL, "delivery", severity, isPublic, null,
                reportedAt, "k1:" + "0f".repeat(32), "nb-NO");
        return CloudEvent.of(UUID.randomUUID(), "/intake-service", id.toString(), reportedAt, 1, data);
    }

    @Test
    void caseOpenedGoesOnInTheTraceOfTheIncidentReported() throws Exception {
        var event = incidentReported(UUID.randomUUID(), Severity.LOW, false, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String id = event.data().incidentId().toString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e" + id.substring(0, 4).replace('-', '0');
        var record = EventRecords.of(Topics.INCIDENTS, id, mapper.writeValueAsString(event));
        record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();

        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            var opened = cases.await(TopicReader.key(id), 1, Duration.ofSeconds(30)).get(0);
            String traceparent = new String(opened.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            assertThat(traceparent).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
        }
    }

    /**
     * Publishes another incident under the same record key (so on the same partition, consumed
     * after the records before it) and waits for its case: by then the earlier records of the key
     * have had all their effects.
     */
    private void awaitMarkerAfter(String key) {
        var marker = incidentReported(UUID.randomUUID(), Severity.LOW, false, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        publish(Topics.INCIDENTS, key, marker);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(agent())
                .when().get("/cases/" + marker.data().incidentId()).then().statusCode(200));
    }

    private void publish(String topic, String key, Object event) {
        try {
            producer.send(EventRecords.of(topic, key, mapper.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(Instant instant) {
        return dev.amends.common.json.Instants.format(instant);
    }
}
