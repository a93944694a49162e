package dev.amends.resolution.rest;

import dev.amends.common.json.Instants;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

/** Contract section 3: the analyst reads cases, never agents' free text. */
@QuarkusTest
class AnalystViewTest extends CaseApiTest {

    private static final String WORDS = "Kari at Storgata 1 was upset";

    @Test
    void theAnalystReadsEveryAgentTextAsNullWhereTheAgentReadsIt() {
        String id = caseFullOfFreeText();
        String analyst = AmendsTestStack.token("ana", "analyst");
        int historyEntries = given().auth().oauth2(agent("ola")).get("/cases/" + id).path("history.size()");

        given().auth().oauth2(agent("ola")).get("/cases/" + id).then().statusCode(200)
                .body("promises[0].description", equalTo(WORDS)).body("compensations[0].description", equalTo(WORDS))
                .body("resolutions[0].summary", equalTo(WORDS)).body("history.reason", org.hamcrest.Matchers.hasItem(WORDS));

        given().auth().oauth2(analyst).get("/cases/" + id).then().statusCode(200)
                .body(not(containsString(WORDS)))
                .body("promises[0].description", nullValue()).body("compensations[0].description", nullValue())
                .body("resolutions[0].summary", nullValue()).body("history.reason", everyItem(nullValue()))
                .body("promises[0].state", equalTo("OPEN")).body("resolutions[0].outcome", equalTo("FIXED"))
                .body("history", hasSize(historyEntries));

        given().auth().oauth2(analyst).queryParam("owner", "ola").queryParam("status", "RESOLVED")
                .queryParam("from", given().auth().oauth2(analyst).get("/cases/" + id).<String>path("reportedAt"))
                .get("/cases").then().statusCode(200).body(not(containsString(WORDS)));
    }

    private String caseFullOfFreeText() {
        String id = openCase();
        as("ola").body("{\"apology\": true, \"message\": \"" + WORDS + "\"}").post("/cases/" + id + "/acknowledgement")
                .then().statusCode(200);
        as("ola").body("{\"description\": \"" + WORDS + "\", \"dueAt\": \""
                        + Instants.format(Instant.now().plus(Duration.ofDays(2))) + "\"}")
                .post("/cases/" + id + "/promises").then().statusCode(201);
        as("ola").body("{\"kind\": \"GIFT\", \"amount\": 10, \"currency\": \"NOK\", \"description\": \"" + WORDS + "\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(201);
        as("ola").body("{\"outcome\": \"FIXED\", \"summary\": \"" + WORDS + "\", \"cause\": \"COMPANY\", \"expectedVerdict\": \"YES\"}")
                .post("/cases/" + id + "/resolution").then().statusCode(200);
        return id;
    }
}
