package dev.amends.intake.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.support.Disruptions;
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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Declaring, ending, reading and listing disruptions (contract section 8), and what each role sees. */
@QuarkusTest
class DisruptionApiTest {

    private static final Instant STARTED = Instant.parse("2026-11-30T08:00:00Z");

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    @Test
    void declaresADisruptionAndPublishesItWithoutItsFreeText() throws Exception {
        String source = Disruptions.source();
        String id = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body(Disruptions.body(source, Instant.parse("2026-11-30T09:00:00.5+01:00"), null))
                .post("/disruptions")
                .then().statusCode(201)
                .body("source", equalTo(source)).body("category", equalTo("delivery")).body("severity", equalTo("HIGH"))
                .body("summary", equalTo("Parcels of batch 17 delayed")).body("startedAt", equalTo("2026-11-30T08:00:00.500Z"))
                .body("endedAt", nullValue()).body("public", equalTo(true))
                .body("affected", equalTo(0)).body("complained", equalTo(0)).body("outreachIncidents", equalTo(0))
                .extract().path("id");
        given().auth().oauth2(Tokens.reporter()).get("/disruptions/" + id).then().statusCode(200).body("id", equalTo(id));

        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            ConsumerRecord<String, String> record = incidents.await(TopicReader.key(id), 1, Duration.ofSeconds(30)).get(0);
            assertThat(RequestSchema.load(EventType.DISRUPTION_DECLARED.schemaResource()).violations(record.value())).isEmpty();
            JsonNode event = mapper.readTree(record.value());
            assertThat(event.get("type").asText()).isEqualTo(EventType.DISRUPTION_DECLARED.type());
            assertThat(event.at("/data/source").asText()).isEqualTo(source);
            assertThat(event.at("/data/startedAt").asText()).isEqualTo("2026-11-30T08:00:00.500Z");
            assertThat(record.value()).doesNotContain("Parcels").doesNotContain("truck");
        }
    }

    @Test
    void refusesAnEndBeforeTheStartAFutureStartAndUnknownPropertiesStoringNothing() {
        Rows rows = new Rows(dataSource);
        var before = rows.footprint();
        String source = Disruptions.source();
        String future = Disruptions.body(source, Instant.now().plus(10, ChronoUnit.MINUTES), null);
        String endBeforeStart = Disruptions.body(source, STARTED, STARTED.minusSeconds(1));
        String unknown = Disruptions.body(source, STARTED, null).replace("\"public\": true", "\"public\": true, \"owner\": \"ola\"");
        String noStart = Disruptions.body(source, STARTED, null).replace("\"startedAt\": \"" + STARTED + "\",", "");

        refused(future, "startedAt");
        refused(endBeforeStart, "endedAt");
        refused(unknown, "owner");
        refused(noStart, "startedAt");
        refused(Disruptions.body(source, STARTED, null).replace("\"HIGH\"", "\"BAD\""), "severity");

        assertThat(rows.footprint()).isEqualTo(before);
    }

    @Test
    void onlyItsReporterEndsADisruptionAndTheEndIsPublished() throws Exception {
        String id = Disruptions.declare(Disruptions.source(), STARTED, null);
        var before = new Rows(dataSource).footprint();

        given().auth().oauth2(Tokens.reporter("another-system")).contentType(ContentType.JSON)
                .body("{\"endedAt\": \"2026-11-30T12:00:00Z\"}").patch("/disruptions/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body("{\"endedAt\": \"2026-11-30T07:59:59Z\"}").patch("/disruptions/" + id)
                .then().statusCode(400).body("violations.field", hasItem("endedAt"));
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body("{\"endedAt\": \"yesterday\"}").patch("/disruptions/" + id)
                .then().statusCode(400).body("violations.field", hasItem("endedAt"));
        given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON)
                .body("{\"endedAt\": \"2026-11-30T12:00:00Z\"}").patch("/disruptions/" + id).then().statusCode(403);
        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);

        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body("{\"endedAt\": \"2026-11-30T12:00:00Z\"}").patch("/disruptions/" + id)
                .then().statusCode(200).body("endedAt", equalTo("2026-11-30T12:00:00.000Z"));
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<ConsumerRecord<String, String>> events = incidents.await(TopicReader.key(id), 2, Duration.ofSeconds(30));
            String updated = events.get(1).value();
            assertThat(RequestSchema.load(EventType.DISRUPTION_UPDATED.schemaResource()).violations(updated)).isEmpty();
            assertThat(mapper.readTree(updated).at("/data/endedAt").asText()).isEqualTo("2026-11-30T12:00:00.000Z");
            assertThat(mapper.readTree(updated).get("sequence").asText()).isEqualTo("2");
        }
    }

    @Test
    void anAnalystSeesNoFreeTextAndAnotherReporterSeesNothing() {
        String source = Disruptions.source();
        String id = Disruptions.declare(source, STARTED, null);

        given().auth().oauth2(Tokens.analyst()).get("/disruptions/" + id).then().statusCode(200)
                .body("summary", nullValue()).body("description", nullValue()).body("source", equalTo(source));
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + id).then().statusCode(200)
                .body("summary", equalTo("Parcels of batch 17 delayed")).body("description", equalTo("The truck broke down."));
        given().auth().oauth2(Tokens.reporter("another-system")).get("/disruptions/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.reporter("another-system")).queryParam("source", source).get("/disruptions")
                .then().statusCode(200).body("$", hasSize(0)).header("X-Total-Count", "0");
        given().auth().oauth2(Tokens.analyst()).queryParam("source", source).get("/disruptions")
                .then().statusCode(200).body("id", equalTo(List.of(id))).body("[0].summary", nullValue());
        given().auth().oauth2(Tokens.contactReader()).get("/disruptions/" + id).then().statusCode(403);
        given().get("/disruptions/" + id).then().statusCode(401);
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Tokens.agent()).get("/disruptions/not-a-uuid").then().statusCode(404);
    }

    @Test
    void listsTheLatestStartFirstWithinTheWindowOfStartedAt() {
        String source = Disruptions.source();
        String early = Disruptions.declare(source, STARTED.minus(2, ChronoUnit.DAYS), null);
        String middle = Disruptions.declare(source, STARTED.minus(1, ChronoUnit.DAYS), null);
        String late = Disruptions.declare(source, STARTED, null);

        given().auth().oauth2(Tokens.agent()).queryParam("source", source).get("/disruptions")
                .then().statusCode(200).body("id", equalTo(List.of(late, middle, early))).header("X-Total-Count", "3");
        given().auth().oauth2(Tokens.agent()).queryParam("source", source)
                .queryParam("from", STARTED.minus(1, ChronoUnit.DAYS).toString()).queryParam("to", STARTED.toString())
                .get("/disruptions").then().statusCode(200).body("id", equalTo(List.of(middle)));
        given().auth().oauth2(Tokens.agent()).queryParam("from", "not-a-time").queryParam("size", "501").get("/disruptions")
                .then().statusCode(400).body("violations.field", hasItem("from")).body("violations.field", hasItem("size"));
    }

    private static void refused(String body, String field) {
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body).post("/disruptions")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field));
    }
}
