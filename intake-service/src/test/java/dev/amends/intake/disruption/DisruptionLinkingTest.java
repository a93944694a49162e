package dev.amends.intake.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.support.Disruptions;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Which disruption a complaint belongs to: named when posted, found by the affected list and window, or linked later. */
@QuarkusTest
class DisruptionLinkingTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    @Test
    void aComplaintNamingItsDisruptionIsLinkedAndSaysSoInItsEvent() throws Exception {
        String source = Disruptions.source();
        String disruption = Disruptions.declare(source, daysAgo(1), null);
        ObjectNode body = incident(source, "C-" + UUID.randomUUID());
        body.put("disruptionId", disruption);

        String incident = post(body).body("origin", equalTo("COMPLAINT")).body("disruptionId", equalTo(disruption))
                .extract().path("id");

        JsonNode event = reported(incident);
        assertThat(event.at("/data/origin").asText()).isEqualTo("COMPLAINT");
        assertThat(event.at("/data/disruptionId").asText()).isEqualTo(disruption);
        given().auth().oauth2(Tokens.agent()).queryParam("disruptionId", disruption).get("/incidents")
                .then().statusCode(200).body("id", equalTo(List.of(incident)));
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + disruption).then().body("complained", equalTo(1));
    }

    @Test
    void refusesAnUnknownOrAnotherReportersDisruptionStoringNothing() {
        String source = Disruptions.source();
        String others = Disruptions.declare(Tokens.reporter("another-system"), source, daysAgo(1), null);
        var before = new Rows(dataSource).footprint();

        for (String disruption : List.of(others, UUID.randomUUID().toString(), "not-a-uuid")) {
            ObjectNode body = incident(source, "C-" + UUID.randomUUID());
            body.put("disruptionId", disruption);
            given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body.toString()).post("/incidents")
                    .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("disruptionId"));
        }
        given().auth().oauth2(Tokens.agent()).queryParam("origin", "SOMETIMES").queryParam("disruptionId", "x").get("/incidents")
                .then().statusCode(400).body("violations.field", hasItem("origin")).body("violations.field", hasItem("disruptionId"));

        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);
    }

    @Test
    void aListedCustomersComplaintInTheWindowIsLinkedToTheLatestDisruption() throws Exception {
        String source = Disruptions.source();
        String customer = "C-" + UUID.randomUUID();
        String older = Disruptions.declare(source, daysAgo(10), null);
        String latest = Disruptions.declare(source, daysAgo(2), null);
        String closed = Disruptions.declare(source, daysAgo(60), daysAgo(40));
        String otherSource = Disruptions.declare(Disruptions.source(), daysAgo(1), null);
        for (String disruption : List.of(older, latest, closed, otherSource)) {
            Disruptions.addAffected(disruption, List.of(customer));
        }

        String linked = post(incident(source, customer)).body("disruptionId", equalTo(latest)).extract().path("id");
        String notListed = post(incident(source, "C-" + UUID.randomUUID())).body("disruptionId", nullValue()).extract().path("id");

        assertThat(reported(linked).at("/data/disruptionId").asText()).isEqualTo(latest);
        assertThat(reported(notListed).at("/data/disruptionId").isNull()).isTrue();
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + latest).then().body("complained", equalTo(1)).body("affected", equalTo(1));
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + older).then().body("complained", equalTo(0));
    }

    @Test
    void aComplaintFromBeforeTheListArrivedIsLinkedWhenItsCustomerIsAdded() throws Exception {
        String source = Disruptions.source();
        String customer = "C-" + UUID.randomUUID();
        String early = post(incident(source, customer)).body("disruptionId", nullValue()).extract().path("id");
        String disruption = Disruptions.declare(source, daysAgo(1), null);
        String alreadyLinkedCustomer = "C-" + UUID.randomUUID();
        ObjectNode named = incident(source, alreadyLinkedCustomer);
        named.put("disruptionId", Disruptions.declare(source, daysAgo(3), null));
        String keepsItsLink = post(named).extract().path("id");

        Disruptions.addAffected(disruption, List.of(customer, alreadyLinkedCustomer));

        given().auth().oauth2(Tokens.agent()).get("/incidents/" + early).then().body("disruptionId", equalTo(disruption));
        given().auth().oauth2(Tokens.agent()).get("/incidents/" + keepsItsLink).then()
                .body("disruptionId", equalTo(named.get("disruptionId").asText()));
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<ConsumerRecord<String, String>> events = incidents.await(TopicReader.key(early), 2, Duration.ofSeconds(30));
            String linked = events.get(1).value();
            assertThat(RequestSchema.load(EventType.INCIDENT_LINKED.schemaResource()).violations(linked)).isEmpty();
            JsonNode event = mapper.readTree(linked);
            assertThat(event.get("type").asText()).isEqualTo(EventType.INCIDENT_LINKED.type());
            assertThat(event.at("/data/disruptionId").asText()).isEqualTo(disruption);
            assertThat(event.get("sequence").asText()).isEqualTo("2");
            assertThat(incidents.allPublished(dataSource, TopicReader.key(keepsItsLink))).hasSize(1);
        }

        Disruptions.addAffected(disruption, List.of(customer));
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            assertThat(incidents.allPublished(dataSource, TopicReader.key(early))).hasSize(2);
        }
    }

    private JsonNode reported(String incident) throws Exception {
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            String value = incidents.await(TopicReader.key(incident), 1, Duration.ofSeconds(30)).get(0).value();
            assertThat(RequestSchema.load(EventType.INCIDENT_REPORTED.schemaResource()).violations(value)).isEmpty();
            return mapper.readTree(value);
        }
    }

    private static io.restassured.response.ValidatableResponse post(ObjectNode body) {
        return given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body.toString()).post("/incidents")
                .then().statusCode(201);
    }

    private static ObjectNode incident(String source, String customerId) {
        ObjectNode body = IncidentBodies.valid();
        body.put("source", source);
        IncidentBodies.customer(body).put("id", customerId);
        return body;
    }

    private static Instant daysAgo(int days) {
        return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }
}
