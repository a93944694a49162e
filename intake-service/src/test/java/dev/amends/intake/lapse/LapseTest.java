package dev.amends.intake.lapse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.EventType;
import dev.amends.common.events.InterviewAnswered;
import dev.amends.common.events.LapseReason;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** POST /lapses and POST /returns: once per customer and instant, customer.* events, win-back incidents (contract section 9). */
@QuarkusTest
class LapseTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    @Test
    void recordsALapseOnceAndPublishesCustomerLapsedUnderTheCustomerRef() throws Exception {
        String customer = "C-lapse-" + UUID.randomUUID();
        String body = lapse(customer, Instant.parse("2026-11-01T10:00:00Z"), "LOW");
        String ref = IncidentBodies.customerRef("webshop", customer);

        String id = post("/lapses", body).statusCode(201).header("Location", startsWith("/lapses/"))
                .body("customerId", equalTo(customer))
                .body("customerRef", equalTo(ref)).body("lapsedAt", equalTo("2026-11-01T10:00:00.000Z"))
                .body("valueTier", equalTo("LOW")).body("winBackIncidentId", nullValue()).body("recordedAt", notNullValue())
                .extract().path("id");
        post("/lapses", body.replace("LOW", "HIGH")).statusCode(200).body("id", equalTo(id)).body("valueTier", equalTo("LOW"));
        given().auth().oauth2(Tokens.reporter()).get("/lapses/" + id).then().statusCode(200).body("customerRef", equalTo(ref));
        given().auth().oauth2(Tokens.reporter("another-system")).get("/lapses/" + id).then().statusCode(404);

        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<JsonNode> events = incidents.allPublished(dataSource, TopicReader.key(ref)).stream()
                    .map(record -> json(record.value())).toList();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("type").asText()).isEqualTo(EventType.CUSTOMER_LAPSED.type());
            assertThat(events.get(0).at("/data/lapsedAt").asText()).isEqualTo("2026-11-01T10:00:00.000Z");
            assertThat(RequestSchema.load(EventType.CUSTOMER_LAPSED.schemaResource()).violations(events.get(0).toString()))
                    .isEmpty();
        }
    }

    @Test
    void opensAWinBackIncidentOnlyForAHighValueCustomerWithAnIncidentInTheWindowBeforeTheLapse() {
        ObjectNode incident = IncidentBodies.valid();
        String customer = IncidentBodies.customer(incident).get("id").asText();
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(incident.toString()).post("/incidents")
                .then().statusCode(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String winBack = post("/lapses", lapse(customer, now, "HIGH")).statusCode(201)
                .body("winBackIncidentId", notNullValue()).extract().path("winBackIncidentId");
        given().auth().oauth2(Tokens.agent()).get("/incidents/" + winBack).then().statusCode(200)
                .body("origin", equalTo("WIN_BACK")).body("channel", equalTo("OTHER")).body("severity", equalTo("HIGH"))
                .body("summary", equalTo("Win-back: customer lapsed")).body("category", equalTo("delivery"))
                .body("customer.email", equalTo("kari@example.no")).body("customer.id", equalTo(customer));
        // The incident came after this earlier lapse; a NORMAL customer gets none; nor does one without incidents.
        post("/lapses", lapse(customer, now.minus(1, ChronoUnit.DAYS), "HIGH")).statusCode(201)
                .body("winBackIncidentId", nullValue());
        post("/lapses", lapse(customer, now.minusSeconds(1), "NORMAL")).statusCode(201).body("winBackIncidentId", nullValue());
        post("/lapses", lapse("C-unknown-" + UUID.randomUUID(), now, "HIGH")).statusCode(201)
                .body("winBackIncidentId", nullValue());
        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop").queryParam("customerId", customer)
                .queryParam("origin", "WIN_BACK").get("/incidents").then().header("X-Total-Count", "1");
    }

    @Test
    void anInterviewAnswerThatMayContactOpensOneWinBackIncidentForTheLapse() throws Exception {
        ObjectNode incident = IncidentBodies.valid();
        String customer = IncidentBodies.customer(incident).get("id").asText();
        String incidentId = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(incident.toString())
                .post("/incidents").then().statusCode(201).extract().path("id");
        String lapseId = post("/lapses", lapse(customer, Instant.now().truncatedTo(ChronoUnit.MILLIS), "NORMAL"))
                .statusCode(201).body("winBackIncidentId", nullValue()).extract().path("id");
        String ref = IncidentBodies.customerRef("webshop", customer);

        interviewAnswered(ref, incidentId, false);
        interviewAnswered(ref, incidentId, true);
        UUID last = interviewAnswered(ref, incidentId, true);
        // One key, one partition: once the last is processed, so are the two before it.
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(last));

        String winBack = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Tokens.reporter())
                .get("/lapses/" + lapseId).then().statusCode(200).extract().<String>path("winBackIncidentId"), Objects::nonNull);
        given().auth().oauth2(Tokens.agent()).get("/incidents/" + winBack).then().statusCode(200)
                .body("origin", equalTo("WIN_BACK")).body("channel", equalTo("OTHER")).body("severity", equalTo("HIGH"))
                .body("summary", equalTo("Win-back: customer lapsed")).body("customer.email", equalTo("kari@example.no"));
        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop").queryParam("customerId", customer)
                .queryParam("origin", "WIN_BACK").get("/incidents").then().header("X-Total-Count", "1");
    }

    /** survey-service's interview.answered, as it publishes it on amends.surveys.v1 keyed by the incident. */
    private UUID interviewAnswered(String ref, String incidentId, boolean mayContact) throws Exception {
        InterviewAnswered answered = new InterviewAnswered(UUID.randomUUID(), ref, UUID.fromString(incidentId),
                Instant.now(), LapseReason.INCIDENT_HANDLING, 4, mayContact, false);
        CloudEvent<EventData> event = CloudEvent.of(UUID.randomUUID(), "/survey-service", incidentId, Instant.now(), 1,
                answered);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AmendsTestStack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(EventRecords.of(Topics.SURVEYS, incidentId, mapper.writeValueAsString(event))).get();
        }
        return event.id();
    }

    private boolean processed(UUID eventId) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) == 1;
            }
        }
    }

    @Test
    void recordsAReturnOnceAndPublishesCustomerReturned() throws Exception {
        String customer = "C-return-" + UUID.randomUUID();
        String body = "{\"source\": \"webshop\", \"customerId\": \"" + customer + "\", \"returnedAt\": \"2026-11-20T10:00:00Z\"}";

        String id = post("/returns", body).statusCode(201).body("returnedAt", equalTo("2026-11-20T10:00:00.000Z"))
                .extract().path("id");
        post("/returns", body).statusCode(200).body("id", equalTo(id));

        String ref = IncidentBodies.customerRef("webshop", customer);
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<JsonNode> events = incidents.allPublished(dataSource, TopicReader.key(ref)).stream()
                    .map(record -> json(record.value())).toList();
            assertThat(events).hasSize(1);
            assertThat(RequestSchema.load(EventType.CUSTOMER_RETURNED.schemaResource()).violations(events.get(0).toString()))
                    .isEmpty();
        }
    }

    @Test
    void refusesAFutureLapseAnUnknownTierAndMissingFieldsStoringNothing() {
        var before = new Rows(dataSource).footprint();
        String customer = "C-bad-" + UUID.randomUUID();

        post("/lapses", lapse(customer, Instant.now().plus(10, ChronoUnit.MINUTES), "HIGH")).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("lapsedAt"));
        post("/lapses", lapse(customer, Instant.now(), "PLATINUM")).statusCode(400).body("violations.field", hasItem("valueTier"));
        post("/lapses", "{\"source\": \"webshop\", \"lapsedAt\": \"2026-11-01T00:00:00Z\"}").statusCode(400)
                .body("violations.field", hasItem("customerId"));
        post("/lapses", lapse(customer, Instant.now(), "HIGH").replace("\"webshop\"", "\"Web Shop\"")).statusCode(400);
        post("/lapses", "{\"source\": \"webshop\", \"customerId\": \"" + customer + "\", \"lapsedAt\": \"yesterday\"}")
                .statusCode(400).body("violations.field", hasItem("lapsedAt"));
        post("/returns", "{\"source\": \"webshop\", \"customerId\": \"" + customer + "\", \"returnedAt\": \""
                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}").statusCode(400).body("violations.field", hasItem("returnedAt"));
        given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body(lapse(customer, Instant.now(), "HIGH"))
                .post("/lapses").then().statusCode(403);

        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);
    }

    private static String lapse(String customer, Instant lapsedAt, String tier) {
        return "{\"source\": \"webshop\", \"customerId\": \"" + customer + "\", \"lapsedAt\": \"" + lapsedAt
                + "\", \"valueTier\": \"" + tier + "\"}";
    }

    private static ValidatableResponse post(String path, String body) {
        return given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body).post(path).then();
    }

    private JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
