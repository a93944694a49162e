package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Ownership, acknowledgement and status over HTTP: history, version, If-Match, idempotency and events. */
@QuarkusTest
class CaseCommandsTest extends CaseApiTest {

    @Test
    void acknowledgingMakesTheActorOwnerAndPublishesCaseAcknowledged() throws Exception {
        String id = openCase();

        as("ola").body("{\"apology\": true, \"message\": \"Sorry, we are on it.\"}")
                .when().post("/cases/" + id + "/acknowledgement")
                .then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("owner", equalTo("ola"))
                .body("ownerChanges", equalTo(0))
                .body("acknowledgedAt", notNullValue())
                .body("version", equalTo(2))
                .body("history.change", containsInAnyOrder("status", "owner", "status"))
                .body("history[1].actor", equalTo("ola"))
                .body("history[2].to", equalTo("ACKNOWLEDGED"))
                .body("history[2].reason", equalTo("Sorry, we are on it."));

        JsonNode event = lastEvent(id, 2, EventType.CASE_ACKNOWLEDGED);
        assertThat(event.at("/data/owner").asText()).isEqualTo("ola");
        assertThat(event.at("/data/apology").asBoolean()).isTrue();
        assertThat(event.at("/data/actor").asText()).isEqualTo("ola");
        assertThat(event.at("/data/status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(event.get("sequence").asText()).isEqualTo("2");
        assertThat(event.toString()).doesNotContain("Sorry, we are on it.");
    }

    @Test
    void ownerChangesCountAfterTheFirstOwnerAndRepeatingIsANoOp() throws Exception {
        String id = openCase();

        as("ola").body("{\"owner\": \"per\", \"reason\": \"mine\"}").put("/cases/" + id + "/owner")
                .then().statusCode(200).body("owner", equalTo("per")).body("ownerChanges", equalTo(0)).body("version", equalTo(2));
        as("ola").body("{\"owner\": \"kari\", \"reason\": \"per is away\"}").put("/cases/" + id + "/owner")
                .then().statusCode(200).body("owner", equalTo("kari")).body("ownerChanges", equalTo(1)).body("version", equalTo(3));
        as("ola").body("{\"owner\": \"kari\", \"reason\": \"again\"}").put("/cases/" + id + "/owner")
                .then().statusCode(200).body("ownerChanges", equalTo(1)).body("version", equalTo(3));

        JsonNode last = lastEvent(id, 3, EventType.CASE_OWNER_CHANGED);
        assertThat(last.at("/data/owner").asText()).isEqualTo("kari");
        assertThat(last.at("/data/previousOwner").asText()).isEqualTo("per");
        assertThat(last.at("/data/ownerChanges").asInt()).isEqualTo(1);
        assertThat(eventsFor(id)).hasSize(3);
    }

    @Test
    void assigneeChangesFreelyAndNullClearsIt() throws Exception {
        String id = openCase();

        as("ola").body("{\"assignee\": \"per\"}").put("/cases/" + id + "/assignee")
                .then().statusCode(200).body("assignee", equalTo("per"));
        as("ola").body("{\"assignee\": null}").put("/cases/" + id + "/assignee")
                .then().statusCode(200).body("assignee", nullValue()).body("version", equalTo(3));

        JsonNode last = lastEvent(id, 3, EventType.CASE_ASSIGNEE_CHANGED);
        assertThat(last.at("/data/assignee").isNull()).isTrue();
        assertThat(last.at("/data/previousAssignee").asText()).isEqualTo("per");
    }

    @Test
    void waitingOnTheCustomerPausesTheResolveClock() {
        String id = openCase();
        as("ola").body("{\"apology\": false}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        Instant resolveBy = Instant.parse(as("ola").body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status")
                .then().statusCode(200).extract().path("resolveBy"));

        Instant pausedSince = Instant.parse(as("ola").body("{\"status\": \"WAITING_ON_CUSTOMER\", \"reason\": \"asked for photos\"}")
                .post("/cases/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("WAITING_ON_CUSTOMER")).extract().path("pausedSince"));
        Response resumed = as("ola").body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status");

        resumed.then().statusCode(200).body("pausedSince", nullValue());
        List<String> at = resumed.jsonPath().getList("history.at");
        Instant resumedAt = Instant.parse(at.get(at.size() - 1));
        assertThat(Instant.parse(resumed.path("resolveBy")))
                .isEqualTo(resolveBy.plus(Duration.between(pausedSince, resumedAt)));
    }

    @Test
    void rejectsTransitionsOutsideTheTableWith409AndChangesNothing() {
        String id = openCase();
        as("ola").body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status")
                .then().statusCode(409).contentType("application/problem+json");
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement")
                .then().statusCode(409).contentType("application/problem+json");
        as("ola").body("{\"status\": \"WAITING_ON_CUSTOMER\"}").post("/cases/" + id + "/status")
                .then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().body("version", equalTo(2)).body("status", equalTo("ACKNOWLEDGED"));
        assertThat(eventsFor(id)).hasSize(2);
    }

    @Test
    void staleIfMatchIs412() {
        String id = openCase();
        as("ola").header("If-Match", "\"1\"").body("{\"assignee\": \"per\"}").put("/cases/" + id + "/assignee")
                .then().statusCode(200).header("Idempotency-Replayed", nullValue());
        as("ola").header("If-Match", "\"1\"").body("{\"assignee\": \"kari\"}").put("/cases/" + id + "/assignee")
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(agent("ola")).get("/cases/" + id).then()
                .header("ETag", "\"2\"").body("assignee", equalTo("per"));
        as("ola").header("If-Match", "\"2\"").body("{\"assignee\": \"kari\"}").put("/cases/" + id + "/assignee")
                .then().statusCode(200).body("assignee", equalTo("kari"));
    }

    @Test
    void repeatedIdempotencyKeyReplaysTheAnswer() {
        String id = openCase();
        String key = UUID.randomUUID().toString();
        String first = as("ola").header("Idempotency-Key", key).body("{\"owner\": \"per\", \"reason\": \"mine\"}")
                .put("/cases/" + id + "/owner").then().statusCode(200).extract().asString();
        as("ola").body("{\"owner\": \"kari\", \"reason\": \"mine now\"}").put("/cases/" + id + "/owner").then().statusCode(200);

        as("ola").header("Idempotency-Key", key).body("{\"reason\": \"mine\", \"owner\": \"per\"}")
                .put("/cases/" + id + "/owner")
                .then().statusCode(200).header("Idempotency-Replayed", "true").body(equalTo(first));
        as("ola").header("Idempotency-Key", key).body("{\"owner\": \"per\", \"reason\": \"other\"}")
                .put("/cases/" + id + "/owner").then().statusCode(422);
        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().body("owner", equalTo("kari"));
    }

    @Test
    void aKeyWhoseFirstRequestIsStillInFlightIs409() throws Exception {
        String id = openCase();
        String key = UUID.randomUUID().toString();
        String body = "{\"owner\": \"per\", \"reason\": \"mine\"}";
        var first = new java.util.concurrent.CompletableFuture<Response>();
        // Lock the case row: the first request takes its key's lock, then waits for the case.
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement("select id from support_case where id = ?::uuid for update")) {
                lock.setString(1, id);
                lock.executeQuery();
            }
            new Thread(() -> first.complete(as("ola").header("Idempotency-Key", key).body(body).put("/cases/" + id + "/owner")))
                    .start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waitsForTheCase(id));

            as("ola").header("Idempotency-Key", key).body(body).put("/cases/" + id + "/owner")
                    .then().statusCode(409).contentType("application/problem+json").header("Retry-After", notNullValue());
            connection.rollback();
        }
        first.get(30, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200).body("owner", equalTo("per"));
        as("ola").header("Idempotency-Key", key).body(body).put("/cases/" + id + "/owner")
                .then().statusCode(200).header("Idempotency-Replayed", "true");
    }

    @Test
    void aRefusedRequestStoresNoKey() {
        String id = openCase();
        String key = UUID.randomUUID().toString();
        as("ola").header("Idempotency-Key", key).body("{\"reason\": \"too early\"}").post("/cases/" + id + "/reopen")
                .then().statusCode(409);
        as("ola").header("Idempotency-Key", key).body("{\"owner\": \"\"}").put("/cases/" + id + "/owner")
                .then().statusCode(400);
        assertThat(storedKeys(key)).isZero();

        // Not a replay of the refusal, and not "another body under the same key" (422): the key is free.
        as("ola").header("Idempotency-Key", key).body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement")
                .then().statusCode(200).header("Idempotency-Replayed", nullValue());
        assertThat(storedKeys(key)).isEqualTo(1);
    }

    private boolean waitsForTheCase(String id) throws Exception {
        try (var connection = dataSource.getConnection();
             var waiting = connection.prepareStatement(
                     "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%support_case%'")) {
            try (var rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    private long storedKeys(String key) {
        try (var connection = dataSource.getConnection();
             var count = connection.prepareStatement("select count(*) from idempotency_record where idem_key = ?")) {
            count.setString(1, key);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void rejectsBadBodiesListingEveryFieldAndChangesNothing() {
        String id = openCase();
        as("ola").body("{\"owner\": \"\", \"extra\": 1}").put("/cases/" + id + "/owner")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("owner", "reason", "extra"));
        as("ola").body("{\"status\": \"RESOLVED\"}").post("/cases/" + id + "/status")
                .then().statusCode(400).body("violations.field", containsInAnyOrder("status"));
        as("ola").body("{\"apology\": \"yes\", \"message\": \"" + "m".repeat(2001) + "\"}").post("/cases/" + id + "/acknowledgement")
                .then().statusCode(400).body("violations.field", containsInAnyOrder("apology", "message"));
        as("ola").body("{\"assignee\": \"per\"").put("/cases/" + id + "/assignee").then().statusCode(400);
        as("ola").body("{\"assignee\": \"per\"}").put("/cases/" + UUID.randomUUID() + "/assignee").then().statusCode(404);

        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().body("version", equalTo(1));
        assertThat(eventsFor(id)).hasSize(1);
    }

    @Test
    void everyChangeNeedsTheAgentRole() {
        String id = openCase();
        List<Function<RequestSpecification, Response>> changes = List.of(
                r -> r.body("{\"owner\": \"per\", \"reason\": \"mine\"}").put("/cases/" + id + "/owner"),
                r -> r.body("{\"assignee\": \"per\"}").put("/cases/" + id + "/assignee"),
                r -> r.body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement"),
                r -> r.body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status"));
        for (var change : changes) {
            change.apply(given().contentType(ContentType.JSON)).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
            for (String role : List.of("analyst", "reporter", "contact-reader")) {
                change.apply(given().auth().oauth2(AmendsTestStack.token("x", role)).contentType(ContentType.JSON))
                        .then().statusCode(403).contentType("application/problem+json");
            }
        }
        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().body("version", equalTo(1));
    }
}
