package dev.amends.resolution.rest;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** GET /cases: filters combined with AND, paging headers, bad parameters. */
@QuarkusTest
class CaseSearchTest extends CaseApiTest {

    private static final String OWNER = "owner-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void filtersByOwnerAssigneeStatusAndPromiseDueWithPaging() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = openCase();
            ids.add(id);
            as("ola").body("{\"owner\": \"" + OWNER + "\", \"reason\": \"mine\"}").put("/cases/" + id + "/owner")
                    .then().statusCode(200);
        }
        as("ola").body("{\"apology\": true}").post("/cases/" + ids.get(0) + "/acknowledgement").then().statusCode(200);
        as("ola").body("{\"assignee\": \"" + OWNER + "-helper\"}").put("/cases/" + ids.get(2) + "/assignee")
                .then().statusCode(200);
        String due = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS).toString();
        as("ola").body("{\"description\": \"Call back\", \"dueAt\": \"" + due + "\"}")
                .post("/cases/" + ids.get(1) + "/promises").then().statusCode(201);

        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("owner", OWNER)
                .get("/cases").then().statusCode(200).header("X-Total-Count", "3")
                .body("id", containsInAnyOrder(ids.toArray()));
        given().auth().oauth2(agent("ola")).queryParam("assignee", OWNER + "-helper")
                .get("/cases").then().statusCode(200).header("X-Total-Count", "1").body("[0].id", equalTo(ids.get(2)));
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
    void listsEachCaseWithItsOwnPromisesCompensationsAndHistory() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String due = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS).toString();
        for (int i = 0; i < 3; i++) {
            String id = openCase();
            as("ola").body("{\"owner\": \"" + owner + "\", \"reason\": \"mine\"}").put("/cases/" + id + "/owner")
                    .then().statusCode(200);
            for (int promise = 0; promise < i; promise++) {
                as("ola").body("{\"description\": \"Call back " + i + "." + promise + "\", \"dueAt\": \"" + due + "\"}")
                        .post("/cases/" + id + "/promises").then().statusCode(201);
            }
            if (i == 1) {
                as("ola").body("{\"kind\": \"REFUND\", \"amount\": 20, \"currency\": \"NOK\", \"description\": \"Goodwill\"}")
                        .post("/cases/" + id + "/compensations").then().statusCode(201);
            }
        }

        List<Map<String, Object>> listed = given().auth().oauth2(agent("ola")).queryParam("owner", owner)
                .get("/cases").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(listed).hasSize(3);
        for (Map<String, Object> item : listed) {
            Map<String, Object> read = given().auth().oauth2(agent("ola")).get("/cases/" + item.get("id"))
                    .then().statusCode(200).extract().jsonPath().getMap("$");
            assertThat(item).isEqualTo(read);
        }
        assertThat(listed).extracting(item -> ((List<?>) item.get("promises")).size()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void rejectsBadParametersAndReporters() {
        given().auth().oauth2(agent("ola")).queryParam("status", "DONE").queryParam("breached", "maybe")
                .queryParam("promiseDue", "soon").queryParam("size", 501).queryParam("owner", "ola\u0000")
                .queryParam("assignee", "x".repeat(201))
                .get("/cases").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("status", "breached", "promiseDue", "size", "owner", "assignee"));
        given().get("/cases").then().statusCode(401);
        given().auth().oauth2(AmendsTestStack.token("webshop", "reporter")).get("/cases").then().statusCode(403);
    }

    @Test
    void rejectsPagesDeeperThanAMillionRowsInsteadOfOverflowing() {
        for (String[] pageAndSize : new String[][] {{"42949673", "50"}, {"4294968", "500"}, {"2147483647", "500"}}) {
            given().auth().oauth2(agent("ola")).queryParam("page", pageAndSize[0]).queryParam("size", pageAndSize[1])
                    .get("/cases").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", containsInAnyOrder("page"));
        }
        given().auth().oauth2(agent("ola")).queryParam("owner", "nobody-" + java.util.UUID.randomUUID())
                .queryParam("page", 1999).queryParam("size", 500)
                .get("/cases").then().statusCode(200).header("X-Total-Count", "0");
    }
}
