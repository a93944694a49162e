package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Promises and compensation: 201 with Location, the OPEN-only rules, the contract's money rules, events. */
@QuarkusTest
class PromisesAndCompensationTest extends CaseApiTest {

    @Test
    void makesKeepsAndRenegotiatesPromises() throws Exception {
        String id = openCase();
        String due = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS).toString();
        Response made = as("ola").body("{\"description\": \"Someone calls you tomorrow\", \"dueAt\": \"" + due + "\"}")
                .post("/cases/" + id + "/promises");
        made.then().statusCode(201).body("state", equalTo("OPEN")).body("madeBy", equalTo("ola"))
                .body("renegotiations", equalTo(0)).body("dueAt", equalTo(due));
        String promiseId = made.path("id");
        assertThat(made.header("Location")).isEqualTo("/cases/" + id + "/promises/" + promiseId);
        JsonNode madeEvent = lastEvent(id, 2, EventType.CASE_PROMISE_MADE);
        assertThat(madeEvent.at("/data/promiseId").asText()).isEqualTo(promiseId);
        assertThat(madeEvent.toString()).doesNotContain("Someone calls you");

        String later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS).toString();
        as("ola").body("{\"dueAt\": \"" + later + "\", \"reason\": \"customer away\"}")
                .post("/cases/" + id + "/promises/" + promiseId + "/renegotiated")
                .then().statusCode(200).body("promises[0].dueAt", equalTo(later)).body("promises[0].renegotiations", equalTo(1));
        JsonNode renegotiated = lastEvent(id, 3, EventType.CASE_PROMISE_RENEGOTIATED);
        assertThat(renegotiated.at("/data/previousDueAt").asText()).isEqualTo(due);

        as("ola").body("{\"note\": \"called\"}").post("/cases/" + id + "/promises/" + promiseId + "/kept")
                .then().statusCode(200).body("promises[0].state", equalTo("KEPT")).body("promises[0].keptAt", notNullValue());
        lastEvent(id, 4, EventType.CASE_PROMISE_KEPT);

        as("ola").body("{}").post("/cases/" + id + "/promises/" + promiseId + "/kept")
                .then().statusCode(409).contentType("application/problem+json");
        as("ola").body("{\"dueAt\": \"" + later + "\", \"reason\": \"again\"}")
                .post("/cases/" + id + "/promises/" + promiseId + "/renegotiated").then().statusCode(409);
        as("ola").body("{}").post("/cases/" + id + "/promises/" + UUID.randomUUID() + "/kept").then().statusCode(404);
    }

    @Test
    void answersInstantsInUtcWithExactlyThreeFractionalDigits() {
        String id = openCase();
        as("ola").body("{\"description\": \"We call you\", \"dueAt\": \"2030-01-01T13:00:00+01:00\"}")
                .post("/cases/" + id + "/promises").then().statusCode(201).body("dueAt", equalTo("2030-01-01T12:00:00.000Z"));
        as("ola").get("/cases/" + id).then().body("promises[0].dueAt", equalTo("2030-01-01T12:00:00.000Z"));
    }

    @Test
    void rejectsPromisesDueInThePastOrMalformed() {
        String id = openCase();
        as("ola").body("{\"description\": \"Too late\", \"dueAt\": \"2020-01-01T00:00:00Z\"}")
                .post("/cases/" + id + "/promises").then().statusCode(400).body("violations.field", containsInAnyOrder("dueAt"));
        as("ola").body("{\"description\": \"\", \"dueAt\": \"tomorrow\"}")
                .post("/cases/" + id + "/promises").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("description", "dueAt"));
        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().body("version", equalTo(1)).body("promises.size()", equalTo(0));
    }

    @Test
    void offersCompensationWithinTheCurrencysMinorUnit() throws Exception {
        String id = openCase();
        Response offered = as("ola").body("{\"kind\": \"REFUND\", \"amount\": 200.50, \"currency\": \"NOK\", \"description\": \"Goodwill\"}")
                .post("/cases/" + id + "/compensations");
        offered.then().statusCode(201).body("kind", equalTo("REFUND")).body("currency", equalTo("NOK"))
                .body("offeredBy", equalTo("ola"));
        assertThat(offered.header("Location")).isEqualTo("/cases/" + id + "/compensations/" + offered.path("id"));
        JsonNode event = lastEvent(id, 2, EventType.CASE_COMPENSATION_OFFERED);
        assertThat(event.at("/data/amount").decimalValue()).isEqualByComparingTo("200.50");
        assertThat(event.toString()).doesNotContain("Goodwill");

        as("ola").body("{\"kind\": \"GIFT\", \"amount\": 10.5, \"currency\": \"JPY\", \"description\": \"x\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(400).body("violations.field", containsInAnyOrder("amount"));
        as("ola").body("{\"kind\": \"CASH\", \"amount\": -1, \"currency\": \"XYZ\", \"description\": \"x\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("kind", "amount", "currency"));
        as("ola").body("{\"kind\": \"CREDIT\", \"amount\": 1000000.01, \"currency\": \"EUR\", \"description\": \"x\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(400).body("violations.field", containsInAnyOrder("amount"));
        as("ola").body("{\"kind\": \"CREDIT\", \"amount\": \"5\", \"currency\": \"EUR\", \"description\": \"x\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(400).body("violations.field", containsInAnyOrder("amount"));
        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().body("compensations.size()", equalTo(1));

        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        as("ola").body("{\"outcome\": \"FIXED\", \"summary\": \"done\", \"cause\": \"COMPANY\", \"expectedVerdict\": \"YES\"}")
                .post("/cases/" + id + "/resolution").then().statusCode(200);
        assertThat(lastEvent(id, 4, EventType.CASE_RESOLVED).at("/data/compensationOffered").asBoolean()).isTrue();
    }

    @Test
    void promisesAndCompensationNeedTheAgentRole() {
        String id = openCase();
        given().contentType(ContentType.JSON).body("{}").post("/cases/" + id + "/promises").then().statusCode(401);
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).contentType(ContentType.JSON).body("{}")
                .post("/cases/" + id + "/compensations").then().statusCode(403);
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).contentType(ContentType.JSON).body("{}")
                .post("/cases/" + id + "/promises/" + UUID.randomUUID() + "/kept").then().statusCode(403);
    }
}
