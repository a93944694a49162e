package dev.amends.systemtests;

import dev.amends.local.LocalStack;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What the story tests do alike on the packaged services. */
final class Stories {

    private Stories() {
    }

    /** One bulk action over a disruption's cases (contract section 8), awaited until every case is done. */
    static void bulk(LocalStack stack, String disruption, String action, int cases) {
        String progress = given().baseUri(stack.url("resolution-service")).auth().oauth2(stack.token("agent"))
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"disruptionId\": \"" + disruption + "\", " + action + "}").post("/case-actions")
                .then().log().ifValidationFails().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> given().baseUri(stack.url("resolution-service"))
                .auth().oauth2(stack.token("agent")).get(progress).then().body("state", equalTo("DONE"))
                .body("done", equalTo(cases)).body("skipped", equalTo(0)).body("failed", equalTo(0)));
    }
}
