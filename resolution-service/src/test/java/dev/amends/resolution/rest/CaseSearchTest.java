package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.local.AmendsTestStack;
import dev.amends.local.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** GET /cases: filters combined with AND, paging headers, bad parameters. */
@QuarkusTest
class CaseSearchTest {

    private static final String OWNER = "owner-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    ObjectMapper mapper;

    @Test
    void filtersByOwnerStatusAndPromiseDueWithPaging() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = openCase();
            ids.add(id);
            as("ola").body("{\"owner\": \"" + OWNER + "\", \"reason\": \"mine\"}").put("/cases/" + id + "/owner")
                    .then().statusCode(200);
        }
        as("ola").body("{\"apology\": true}").post("/cases/" + ids.get(0) + "/acknowledgement").then().statusCode(200);
        String due = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS).toString();
        as("ola").body("{\"description\": \"Call back\", \"dueAt\": \"" + due + "\"}")
                .post("/cases/" + ids.get(1) + "/promises").then().statusCode(201);

        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("owner", OWNER)
                .get("/cases").then().statusCode(200).header("X-Total-Count", "3")
                .body("id", containsInAnyOrder(ids.toArray()));
        given().auth().oauth2(agent("ola")).queryParam("owner", OWNER).queryParam("status", "ACKNOWLEDGED")
                .get("/cases").then().statusCode(200).header("X-Total-Count", "1").body("[0].id", equalTo(ids.get(0)));
        given().auth().oauth2(agent("ola")).queryParam("owner", OWNER).queryParam("promiseDue",
                        Instant.now().plus(Duration.ofHours(4)).toString())
                .get("/cases").then().statusCode(200).header("X-Total-Count", "1").body("[0].id", equalTo(ids.get(1)));
        given().auth().oauth2(agent("ola")).queryParam("owner", OWNER).queryParam("promiseDue",
                        Instant.now().plus(Duration.ofHours(2)).toString())
                .get("/cases").then().statusCode(200).header("X-Total-Count", "0");
        given().auth().oauth2(agent("ola")).queryParam("owner", OWNER).queryParam("breached", "false")
                .queryParam("size", 2).get("/cases").then().statusCode(200).header("X-Total-Count", "3")
                .body("size()", equalTo(2))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""));
    }

    @Test
    void rejectsBadParametersAndReporters() {
        given().auth().oauth2(agent("ola")).queryParam("status", "DONE").queryParam("breached", "maybe")
                .queryParam("promiseDue", "soon").queryParam("size", 501)
                .get("/cases").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("status", "breached", "promiseDue", "size"));
        given().get("/cases").then().statusCode(401);
        given().auth().oauth2(AmendsTestStack.token("webshop", "reporter")).get("/cases").then().statusCode(403);
    }

    private RequestSpecification as(String agent) {
        return given().auth().oauth2(agent(agent)).contentType(ContentType.JSON);
    }

    private static String agent(String name) {
        return AmendsTestStack.token(name, "agent");
    }

    /** Publishes an incident.reported to the real topic and waits for its case. */
    private String openCase() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var data = new IncidentReported(id, "webshop", null, Channel.EMAIL, null, Severity.MEDIUM, false, null, now,
                "k1:" + "1e".repeat(32), "en");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.INCIDENTS, id.toString(),
                    mapper.writeValueAsString(CloudEvent.of(UUID.randomUUID(), "/intake-service", id.toString(), now, 1, data)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent("ola")).get("/cases/" + id).then().statusCode(200));
        return id.toString();
    }

    /** The case's {@code count}-th event on amends.cases.v1: of the expected type and valid against its schema. */
    private JsonNode lastEvent(String id, int count, EventType type) throws Exception {
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            List<ConsumerRecord<String, String>> records = cases.await(TopicReader.key(id), count, Duration.ofSeconds(30));
            String value = records.get(count - 1).value();
            assertThat(RequestSchema.load(type.schemaResource()).violations(value)).isEmpty();
            JsonNode event = mapper.readTree(value);
            assertThat(event.get("type").asText()).isEqualTo(type.type());
            return event;
        }
    }

    private List<ConsumerRecord<String, String>> eventsFor(String id, Duration during) {
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            return cases.after(during, TopicReader.key(id));
        }
    }
}
