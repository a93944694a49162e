package dev.amends.intake.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.service.OutreachRuns;
import dev.amends.intake.support.Disruptions;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

/** POST /disruptions/{id}/outreach: one outreach incident per silent customer, a random holdout, once (contract section 8). */
@QuarkusTest
class OutreachRunTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;
    @Inject
    OutreachRuns runs;

    @Test
    void reachesEverySilentCustomerOnceAndSetsTheHoldoutAside() throws Exception {
        String source = Disruptions.source();
        String disruption = Disruptions.declare(source, Instant.now().minus(1, ChronoUnit.DAYS), null);
        List<String> customers = Disruptions.customers(200);
        Disruptions.addAffected(disruption, customers);
        for (String complainer : customers.subList(0, 20)) {
            var body = IncidentBodies.valid();
            body.put("source", source);
            IncidentBodies.customer(body).put("id", complainer);
            given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body.toString()).post("/incidents")
                    .then().statusCode(201).body("disruptionId", equalTo(disruption));
        }

        String location = given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body("{\"holdout\": 0.25}")
                .post("/disruptions/" + disruption + "/outreach")
                .then().statusCode(202).header("Location", startsWith("/disruptions/" + disruption + "/outreach/"))
                .body("state", equalTo("RUNNING")).body("toOpen", equalTo(180)).extract().header("Location");
        JsonNode done = awaitDone(location);

        int opened = done.get("opened").asInt();
        int heldOut = done.get("heldOut").asInt();
        assertThat(opened + heldOut).isEqualTo(180);
        // 25% of 180 is 45, with a standard deviation of about 6.
        assertThat(heldOut).isBetween(20, 75);
        assertThat(done.get("doneAt").isTextual()).isTrue();
        given().auth().oauth2(Tokens.agent()).queryParam("origin", "OUTREACH").queryParam("disruptionId", disruption)
                .queryParam("size", 500).get("/incidents")
                .then().statusCode(200).header("X-Total-Count", String.valueOf(opened))
                .body("channel", everyItem(equalTo("OTHER"))).body("summary", everyItem(equalTo("Parcels of batch 17 delayed")))
                .body("customer.email", everyItem(equalTo("kari@example.no")));
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + disruption)
                .then().body("outreachIncidents", equalTo(opened)).body("complained", equalTo(20)).body("affected", equalTo(200));
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("""
                select count(distinct customer_id) from incident where disruption_id = ?::uuid and origin = 'OUTREACH'
                  and customer_id in (select customer_id from incident where disruption_id = ?::uuid and origin = 'COMPLAINT')""",
                disruption, disruption)).isZero();

        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            JsonNode started = incidents.allPublished(dataSource, TopicReader.key(disruption)).stream().map(this::json)
                    .filter(event -> event.get("type").asText().equals(EventType.DISRUPTION_OUTREACH_STARTED.type()))
                    .findFirst().orElseThrow();
            assertThat(RequestSchema.load(EventType.DISRUPTION_OUTREACH_STARTED.schemaResource()).violations(started.toString())).isEmpty();
            assertThat(started.at("/data/toReach").asInt()).isEqualTo(180);
            assertThat(started.at("/data/by").asText()).isEqualTo("ola");
            List<JsonNode> setAside = incidents.allPublished(dataSource, TopicReader.key(disruption)).stream().map(this::json)
                    .filter(event -> event.get("type").asText().equals(EventType.DISRUPTION_CUSTOMERS_HELD_OUT.type())).toList();
            List<String> heldOutRefs = new ArrayList<>();
            for (JsonNode event : setAside) {
                assertThat(RequestSchema.load(EventType.DISRUPTION_CUSTOMERS_HELD_OUT.schemaResource()).violations(event.toString()))
                        .isEmpty();
                assertThat(event.at("/data/runId").asText()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
                event.at("/data/customerRefs").forEach(ref -> heldOutRefs.add(ref.asText()));
            }
            List<String> expected = rows.strings("""
                    select customer_ref from affected_customer where disruption_id = ?::uuid and outreach = 'HELD_OUT'""",
                    disruption);
            assertThat(heldOutRefs).hasSize(heldOut).containsExactlyInAnyOrderElementsOf(expected);
        }

        String again = given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body("{}")
                .post("/disruptions/" + disruption + "/outreach").then().statusCode(202).body("toOpen", equalTo(0))
                .extract().header("Location");
        assertThat(awaitDone(again).get("opened").asInt()).isZero();
    }

    @Test
    void twoWorkersAtOnceNeverReachACustomerTwice() throws Exception {
        String disruption = Disruptions.declare(Disruptions.source(), Instant.now().minus(1, ChronoUnit.DAYS), null);
        Disruptions.addAffected(disruption, Disruptions.customers(3000));
        String location = given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body("{\"holdout\": 0.1}")
                .post("/disruptions/" + disruption + "/outreach").then().statusCode(202).extract().header("Location");
        UUID run = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        // While the scheduled worker works on the run, three more go at it: as replicas would.
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        List<Future<?>> working = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            working.add(replicas.submit(() -> {
                while (runs.reachNext(run)) {
                    Thread.onSpinWait();
                }
            }));
        }
        for (Future<?> worker : working) {
            worker.get();
        }
        replicas.shutdown();
        JsonNode done = awaitDone(location);

        assertThat(done.get("opened").asInt() + done.get("heldOut").asInt()).isEqualTo(3000);
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("select count(*) from incident where disruption_id = ?::uuid and origin = 'OUTREACH'", disruption))
                .isEqualTo(done.get("opened").asLong());
        assertThat(rows.count("select count(distinct customer_id) from incident where disruption_id = ?::uuid and origin = 'OUTREACH'",
                disruption)).isEqualTo(done.get("opened").asLong());
        assertThat(rows.count("select count(*) from affected_customer where disruption_id = ?::uuid and outreach is null", disruption))
                .isZero();
    }

    @Test
    void refusesABadHoldoutASecondRunWhileOneRunsAndTheWrongRole() {
        String disruption = Disruptions.declare(Disruptions.source(), Instant.now().minus(1, ChronoUnit.DAYS), null);
        Disruptions.addAffected(disruption, Disruptions.customers(3000));
        var before = new Rows(dataSource).footprint();
        for (String body : List.of("{\"holdout\": 0.6}", "{\"holdout\": -0.1}", "{\"holdout\": \"half\"}", "{\"share\": 0.1}")) {
            given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body(body)
                    .post("/disruptions/" + disruption + "/outreach").then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body("{}")
                .post("/disruptions/" + disruption + "/outreach").then().statusCode(403);
        given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body("{}")
                .post("/disruptions/" + UUID.randomUUID() + "/outreach").then().statusCode(404);
        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);

        String location = given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body("{}")
                .post("/disruptions/" + disruption + "/outreach").then().statusCode(202).extract().header("Location");
        given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body("{}")
                .post("/disruptions/" + disruption + "/outreach").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.analyst()).get(location).then().statusCode(200);
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + disruption + "/outreach/" + UUID.randomUUID()).then().statusCode(404);
        awaitDone(location);
    }

    private JsonNode awaitDone(String location) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> json(given().auth().oauth2(Tokens.agent()).get(location).then().statusCode(200).extract().asString()),
                run -> run.get("state").asText().equals("DONE"));
    }

    private JsonNode json(Object value) {
        try {
            return mapper.readTree(value instanceof org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record
                    ? (String) record.value() : (String) value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
