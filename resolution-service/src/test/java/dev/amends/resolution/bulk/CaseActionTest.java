package dev.amends.resolution.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** POST /case-actions: one change to every case of a disruption, each an ordinary change (contract section 8). */
@QuarkusTest
class CaseActionTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    @Test
    void acknowledgesEveryOpenCaseOfTheDisruptionAndSkipsTheOthers() throws Exception {
        UUID disruption = UUID.randomUUID();
        List<UUID> outreach = openCases(disruption, Origin.OUTREACH, 20);
        List<UUID> complaints = openCases(disruption, Origin.COMPLAINT, 10);
        List<UUID> others = openCases(UUID.randomUUID(), Origin.OUTREACH, 2);
        for (UUID early : complaints.subList(0, 5)) {
            given().auth().oauth2(agent("per")).contentType(ContentType.JSON).body("{\"apology\": false}")
                    .post("/cases/" + early + "/acknowledgement").then().statusCode(200);
        }

        String location = start("""
                {"disruptionId": "%s", "action": "ACKNOWLEDGE", "apology": true, "message": "We are sorry for the delay."}"""
                .formatted(disruption), UUID.randomUUID().toString())
                .then().statusCode(202).header("Location", startsWith("/case-actions/"))
                .body("state", equalTo("RUNNING")).body("total", equalTo(30)).extract().header("Location");
        JsonNode done = awaitDone(location);

        assertThat(done.get("done").asInt()).isEqualTo(25);
        assertThat(done.get("skipped").asInt()).isEqualTo(5);
        assertThat(done.get("failed").asInt()).isZero();
        assertThat(done.get("failedCaseIds")).isEmpty();
        for (UUID id : outreach) {
            given().auth().oauth2(agent("ola")).get("/cases/" + id).then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED")).body("apology", equalTo(true)).body("owner", equalTo("ola"))
                    .body("history.actor", hasItem("ola")).body("history.reason", hasItem("We are sorry for the delay."));
        }
        given().auth().oauth2(agent("ola")).get("/cases/" + complaints.get(0)).then()
                .body("apology", equalTo(false)).body("owner", equalTo("per"));
        given().auth().oauth2(agent("ola")).get("/cases/" + others.get(0)).then().body("status", equalTo("OPEN"));
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            var acknowledged = cases.allPublished(dataSource, record -> outreach.contains(UUID.fromString(record.key()))
                    && record.value().contains(EventType.CASE_ACKNOWLEDGED.type()));
            assertThat(acknowledged).hasSize(20);
            assertThat(mapper.readTree(acknowledged.get(0).value()).at("/data/actor").asText()).isEqualTo("ola");
        }
    }

    @Test
    void takesOnlyTheCasesOfTheOriginAndAppliesEveryKindOfAction() {
        UUID disruption = UUID.randomUUID();
        List<UUID> outreach = openCases(disruption, Origin.OUTREACH, 6);
        List<UUID> complaints = openCases(disruption, Origin.COMPLAINT, 3);

        JsonNode owners = awaitDone(location(start("""
                {"disruptionId": "%s", "origin": "OUTREACH", "action": "SET_OWNER", "owner": "kim", "reason": "Disruption team"}"""
                .formatted(disruption), UUID.randomUUID().toString())));
        JsonNode refunds = awaitDone(location(start("""
                {"disruptionId": "%s", "origin": "OUTREACH", "action": "OFFER_COMPENSATION", "kind": "REFUND",
                 "amount": 150.00, "currency": "NOK", "description": "For the delay"}""".formatted(disruption),
                UUID.randomUUID().toString())));
        JsonNode acknowledged = awaitDone(location(start("""
                {"disruptionId": "%s", "action": "ACKNOWLEDGE", "apology": true}""".formatted(disruption),
                UUID.randomUUID().toString())));
        JsonNode resolved = awaitDone(location(start("""
                {"disruptionId": "%s", "origin": "OUTREACH", "action": "RESOLVE", "outcome": "FIXED",
                 "summary": "Parcels delivered", "cause": "SUPPLIER", "expectedVerdict": "YES"}""".formatted(disruption),
                UUID.randomUUID().toString())));

        assertThat(List.of(owners.get("done").asInt(), refunds.get("done").asInt(), acknowledged.get("done").asInt(),
                resolved.get("done").asInt())).containsExactly(6, 6, 9, 6);
        for (UUID id : outreach) {
            given().auth().oauth2(agent("ola")).get("/cases/" + id).then()
                    .body("status", equalTo("RESOLVED")).body("owner", equalTo("kim"))
                    .body("compensations[0].amount", equalTo(150.00f)).body("resolutions[0].summary", equalTo("Parcels delivered"));
        }
        given().auth().oauth2(agent("ola")).get("/cases/" + complaints.get(0)).then()
                .body("status", equalTo("ACKNOWLEDGED")).body("owner", equalTo("ola")).body("compensations.size()", equalTo(0));
    }

    @Test
    void refusesAnActionWithoutAKeyOrWithABadBodyStoringAndPublishingNothing() {
        UUID disruption = UUID.randomUUID();
        List<UUID> cases = openCases(disruption, Origin.OUTREACH, 2);
        long before = actions();
        String acknowledge = "{\"disruptionId\": \"" + disruption + "\", \"action\": \"ACKNOWLEDGE\", \"apology\": true}";

        given().auth().oauth2(agent("ola")).contentType(ContentType.JSON).body(acknowledge).post("/case-actions")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("Idempotency-Key"));
        refused(acknowledge.replace("ACKNOWLEDGE", "DELETE"), "action");
        refused(acknowledge.replace(", \"apology\": true", ""), "apology");
        refused(acknowledge.replace("\"apology\": true", "\"apology\": true, \"colour\": \"red\""), "colour");
        refused(acknowledge.replace("\"disruptionId\": \"" + disruption + "\", ", ""), "disruptionId");
        refused("{\"disruptionId\": \"" + disruption + "\", \"action\": \"OFFER_COMPENSATION\", \"kind\": \"REFUND\", "
                + "\"amount\": 10.001, \"currency\": \"NOK\", \"description\": \"x\"}", "amount");
        refused(acknowledge.replace("\"action\"", "\"origin\": \"SOMETIMES\", \"action\""), "origin");
        start(acknowledge.replace(disruption.toString(), UUID.randomUUID().toString()), UUID.randomUUID().toString())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AmendsTestStack.token("webshop", "reporter")).header("Idempotency-Key", "k")
                .contentType(ContentType.JSON).body(acknowledge).post("/case-actions").then().statusCode(403);

        assertThat(actions()).isEqualTo(before);
        given().auth().oauth2(agent("ola")).get("/cases/" + cases.get(0)).then().body("status", equalTo("OPEN")).body("version", equalTo(1));

        String key = UUID.randomUUID().toString();
        String first = start(acknowledge, key).then().statusCode(202).extract().header("Location");
        start(acknowledge, key).then().statusCode(202).header("Idempotency-Replayed", "true").header("Location", equalTo(first));
        assertThat(actions()).isEqualTo(before + 1);
        awaitDone(first);
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get(first).then().statusCode(200).body("done", equalTo(2));
        given().auth().oauth2(agent("ola")).get("/case-actions/" + UUID.randomUUID()).then().statusCode(404);
    }

    private void refused(String body, String field) {
        start(body, UUID.randomUUID().toString()).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static io.restassured.response.Response start(String body, String key) {
        return given().auth().oauth2(agent("ola")).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/case-actions");
    }

    private static String location(io.restassured.response.Response started) {
        return started.then().statusCode(202).extract().header("Location");
    }

    private JsonNode awaitDone(String location) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> mapper.readTree(
                given().auth().oauth2(agent("ola")).get(location).then().statusCode(200).extract().asString()),
                action -> action.get("state").asText().equals("DONE"));
    }

    private long actions() {
        try (var connection = dataSource.getConnection(); var count = connection.prepareStatement("select count(*) from case_action");
             var rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cases of the disruption, opened from incident.reported events on the real topic. */
    private List<UUID> openCases(UUID disruption, Origin origin, int count) {
        List<UUID> ids = new ArrayList<>();
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        try (var producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                var event = CloudEvent.of(UUID.randomUUID(), "/intake-service", id.toString(), reportedAt, 1,
                        new IncidentReported(id, "webshop", null, Channel.OTHER, "delivery", Severity.HIGH, false, null,
                                reportedAt, "k1:" + "0d".repeat(32), "nb-NO", origin, disruption));
                producer.send(EventRecords.of(Topics.INCIDENTS, id.toString(), mapper.writeValueAsString(event))).get();
                ids.add(id);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(agent("ola"))
                .queryParam("disruptionId", disruption.toString()).queryParam("origin", origin.name()).get("/cases")
                .then().header("X-Total-Count", String.valueOf(count)));
        return ids;
    }

    private static String agent(String name) {
        return AmendsTestStack.token(name, "agent");
    }
}
