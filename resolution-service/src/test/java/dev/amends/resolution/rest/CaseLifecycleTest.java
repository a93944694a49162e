package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Severity;
import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.events.Topics;
import dev.amends.common.events.Verdict;
import dev.amends.common.validation.RequestSchema;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** One case from incident.reported to case.closed, with the customer's NO in between, on the real broker. */
@QuarkusTest
class CaseLifecycleTest {

    private static final String RESOLVE = "{\"outcome\": \"FIXED\", \"summary\": \"Sent the blue chair\", "
            + "\"cause\": \"SUPPLIER\", \"expectedVerdict\": \"YES\"}";

    @Inject
    ObjectMapper mapper;

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void aCaseLivesFromReportedToClosedWithTheCustomersVerdicts() throws Exception {
        UUID incident = UUID.randomUUID();
        String id = incident.toString();
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.INCIDENTS, new IncidentReported(incident, "webshop", "ORD-9", Channel.EMAIL, "delivery",
                Severity.MEDIUM, false, null, reportedAt, "k1:" + "2d".repeat(32), "nb-NO"), reportedAt);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/cases/" + id).then().statusCode(200));

        agentDoes().body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        agentDoes().body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status").then().statusCode(200);
        agentDoes().body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolutions[0].attempt", equalTo(1))
                .body("resolutions[0].expectedVerdict", equalTo("YES")).body("resolutions[0].resolvedBy", equalTo("ola"));

        publish(Topics.SURVEYS, answer(incident, 1, Verdict.NO), Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/cases/" + id).then()
                        .body("status", equalTo("REOPENED")).body("attempt", equalTo(2)).body("reopenCount", equalTo(1))
                        .body("resolutions[0].customerVerdict", equalTo("NO")));

        agentDoes().body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200)
                .body("resolutions[1].attempt", equalTo(2));
        // An answer for the old attempt is recorded there and changes no status.
        publish(Topics.SURVEYS, answer(incident, 1, Verdict.YES), Instant.now());
        publish(Topics.SURVEYS, answer(incident, 2, Verdict.PARTLY), Instant.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/cases/" + id).then()
                        .body("status", equalTo("CLOSED")).body("closedAt", notNullValue())
                        .body("resolutions[0].customerVerdict", equalTo("YES"))
                        .body("resolutions[1].customerVerdict", equalTo("PARTLY")));
        agentDoes().body("{\"assignee\": \"per\"}").put("/cases/" + id + "/assignee").then().statusCode(409);

        List<String> expected = List.of("case.opened", "case.acknowledged", "case.status-changed", "case.resolved",
                "case.reopened", "case.resolved", "case.closed");
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            List<ConsumerRecord<String, String>> records = cases.await(TopicReader.key(id), expected.size(), Duration.ofSeconds(30));
            assertThat(cases.allPublished(dataSource, TopicReader.key(id))).hasSize(expected.size());
            List<JsonNode> events = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = mapper.readTree(record.value());
                EventType type = EventType.of(event.get("type").asText()).orElseThrow();
                assertThat(RequestSchema.load(type.schemaResource()).violations(record.value())).isEmpty();
                events.add(event);
            }
            assertThat(events).extracting(e -> e.get("type").asText())
                    .containsExactlyElementsOf(expected.stream().map(t -> "dev.amends." + t + ".v1").toList());
            assertThat(events).extracting(e -> e.get("sequence").asText())
                    .containsExactly("1", "2", "3", "4", "5", "6", "7");
            assertThat(events.get(2).at("/data/from").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(events.get(2).at("/data/to").asText()).isEqualTo("IN_PROGRESS");
            assertThat(events.get(3).at("/data/expectedVerdict").asText()).isEqualTo("YES");
            assertThat(events.get(3).at("/data/compensationOffered").asBoolean()).isFalse();
            assertThat(events.get(3).at("/data/owner").asText()).isEqualTo("ola");
            assertThat(events.get(4).at("/data/by").asText()).isEqualTo("CUSTOMER");
            assertThat(events.get(4).at("/data/actor").asText()).isEqualTo("customer");
            assertThat(events.get(4).at("/data/attempt").asInt()).isEqualTo(2);
            assertThat(events.get(5).at("/data/attempt").asInt()).isEqualTo(2);
            assertThat(events.get(6).at("/data/by").asText()).isEqualTo("CUSTOMER_VERDICT");
            assertThat(events.get(6).at("/data/status").asText()).isEqualTo("CLOSED");
            assertThat(records.toString()).doesNotContain("Sent the blue chair");
        }
    }

    @Test
    void aVerdictOnAnOlderAttemptGrowsTheVersionAndTheETag() {
        UUID incident = UUID.randomUUID();
        String id = incident.toString();
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.INCIDENTS, new IncidentReported(incident, "webshop", null, Channel.WEB, null,
                Severity.MEDIUM, false, null, reportedAt, "k1:" + "4e".repeat(32), "en"), reportedAt);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/cases/" + id).then().statusCode(200));
        agentDoes().body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        agentDoes().body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200);
        agentDoes().body("{\"reason\": \"the customer called back\"}").post("/cases/" + id + "/reopen").then().statusCode(200);
        int before = given().auth().oauth2(agent()).get("/cases/" + id).then().extract().path("version");

        publish(Topics.SURVEYS, answer(incident, 1, Verdict.NO), Instant.now());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/cases/" + id).then()
                        .body("resolutions[0].customerVerdict", equalTo("NO")).body("status", equalTo("REOPENED"))
                        .body("version", equalTo(before + 1)).header("ETag", equalTo("\"" + (before + 1) + "\""))
                        .body("history[-1].change", equalTo("verdict")).body("history[-1].actor", equalTo("customer")));
        agentDoes().header("If-Match", "\"" + before + "\"").body("{\"assignee\": \"per\"}")
                .put("/cases/" + id + "/assignee").then().statusCode(412);
    }

    @Test
    void anAgentReopensAResolvedCaseWithAFreshResolveClock() {
        UUID incident = UUID.randomUUID();
        String id = incident.toString();
        Instant reportedAt = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.INCIDENTS, new IncidentReported(incident, "webshop", null, Channel.PHONE, null,
                Severity.LOW, false, null, reportedAt, "k1:" + "3c".repeat(32), "en"), reportedAt);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent()).get("/cases/" + id).then().statusCode(200));
        agentDoes().body("{\"reason\": \"too early\"}").post("/cases/" + id + "/reopen").then().statusCode(409);
        agentDoes().body("{\"apology\": false}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        agentDoes().body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200);

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var reopened = agentDoes().body("{\"reason\": \"the customer called back\"}").post("/cases/" + id + "/reopen");

        reopened.then().statusCode(200).body("status", equalTo("REOPENED")).body("attempt", equalTo(2))
                .body("closedAt", nullValue());
        Instant resolveBy = Instant.parse(reopened.path("resolveBy"));
        // LOW resolves within P5D, counted from the reopen.
        assertThat(resolveBy).isBetween(before.plus(Duration.ofDays(5)), Instant.now().plus(Duration.ofDays(5)));
        assertThat(Instant.parse(reopened.<String>path("acknowledgeBy"))).isEqualTo(reportedAt.plus(Duration.ofHours(24)));
    }

    private static RequestSpecification agentDoes() {
        return given().auth().oauth2(agent()).contentType(ContentType.JSON);
    }

    private static String agent() {
        return AmendsTestStack.token("ola", "agent");
    }

    private static SurveyAnswered answer(UUID incident, int attempt, Verdict verdict) {
        return new SurveyAnswered(incident, attempt, UUID.randomUUID(), "k1:" + "2d".repeat(32),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), verdict, 4, null, null, 4, null, null);
    }

    private void publish(String topic, EventData data, Instant time) {
        String subject = topic.equals(Topics.SURVEYS) ? ((SurveyAnswered) data).incidentId().toString()
                : ((IncidentReported) data).incidentId().toString();
        String source = topic.equals(Topics.SURVEYS) ? "/survey-service" : "/intake-service";
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(EventRecords.of(topic, subject, mapper.writeValueAsString(
                    CloudEvent.of(UUID.randomUUID(), source, subject, time.truncatedTo(ChronoUnit.MILLIS), 1, data)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
