package dev.amends.resolution.rest;

import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** The admin's webhook subscriptions (contract section 10): made, read, rotated, deleted, and bad ones refused. */
@QuarkusTest
class WebhookApiTest {

    static final String RECEIVER = "http://127.0.0.1:9/hooks";
    static final String SECRET_PATTERN = "whsec_[A-Za-z0-9+/]{43}=";

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(AmendsTestStack.token("ada", "admin")).contentType(ContentType.JSON);
    }

    static String subscribe(String url, String eventTypes) {
        return asAdmin().body("{\"url\": \"" + url + "\", \"eventTypes\": " + eventTypes + "}").post("/webhooks")
                .then().statusCode(201).extract().path("id");
    }

    /** Subscriptions left behind would take deliveries of every later test's events. */
    @AfterEach
    void deleteEverySubscription() {
        asAdmin().queryParam("size", 500).get("/webhooks").then().extract().jsonPath().getList("id", String.class)
                .forEach(id -> asAdmin().delete("/webhooks/" + id).then().statusCode(204));
    }

    @Test
    void showsTheSecretOnlyInTheAnswerThatMadeIt() {
        String key = UUID.randomUUID().toString();
        String body = "{\"url\": \"" + RECEIVER + "\", \"eventTypes\": [\"dev.amends.case.reopened.v1\"], "
                + "\"description\": \"Helpdesk\"}";
        Response made = asAdmin().header("Idempotency-Key", key).body(body).post("/webhooks");
        made.then().statusCode(201)
                .body("secret", matchesPattern(SECRET_PATTERN))
                .body("state", equalTo("ENABLED"))
                .body("createdBy", equalTo("ada"))
                .body("eventTypes", equalTo(List.of("dev.amends.case.reopened.v1")));
        String id = made.path("id");
        assertThat(made.header("Location")).endsWith("/webhooks/" + id);

        asAdmin().get("/webhooks/" + id).then().statusCode(200).body("description", equalTo("Helpdesk"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        asAdmin().header("Idempotency-Key", key).body(body).post("/webhooks").then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo(id))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
    }

    @Test
    void rotatesTheSecretKeepingTheOldOneADay() {
        String id = subscribe(RECEIVER, "[\"*\"]");

        Response rotated = asAdmin().post("/webhooks/" + id + "/secret");
        rotated.then().statusCode(200).body("secret", matchesPattern(SECRET_PATTERN));
        java.time.Instant until = java.time.Instant.parse(rotated.path("previousSecretValidUntil"));
        assertThat(until).isBetween(java.time.Instant.now().plus(java.time.Duration.ofHours(23)),
                java.time.Instant.now().plus(java.time.Duration.ofHours(25)));
    }

    @Test
    void deletesASubscriptionWithItsLog() {
        String id = subscribe(RECEIVER, "[\"*\"]");

        asAdmin().delete("/webhooks/" + id).then().statusCode(204);
        asAdmin().get("/webhooks/" + id).then().statusCode(404);
        asAdmin().get("/webhooks/" + id + "/deliveries").then().statusCode(404);
        asAdmin().delete("/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void listsSubscriptionsPaged() {
        subscribe(RECEIVER, "[\"*\"]");
        subscribe(RECEIVER, "[\"*\"]");

        Response page = asAdmin().queryParam("size", 1).get("/webhooks");
        page.then().statusCode(200).body("size()", equalTo(1));
        assertThat(Long.parseLong(page.header("X-Total-Count"))).isGreaterThanOrEqualTo(2);
        assertThat(page.header("Link")).contains("rel=\"next\"");
        asAdmin().queryParam("size", 501).get("/webhooks").then().statusCode(400);
    }

    @Test
    void answers404ForWhatDoesNotExist() {
        String unknown = UUID.randomUUID().toString();
        String known = subscribe(RECEIVER, "[\"*\"]");
        asAdmin().get("/webhooks/" + unknown).then().statusCode(404).contentType("application/problem+json");
        asAdmin().get("/webhooks/not-a-uuid").then().statusCode(404);
        asAdmin().post("/webhooks/" + unknown + "/secret").then().statusCode(404);
        asAdmin().post("/webhooks/" + unknown + "/enable").then().statusCode(404);
        asAdmin().post("/webhooks/" + unknown + "/test").then().statusCode(404);
        asAdmin().get("/webhooks/" + unknown + "/deliveries").then().statusCode(404);
        asAdmin().post("/webhooks/" + known + "/deliveries/" + unknown + "/retry").then().statusCode(404);
        asAdmin().post("/webhooks/" + known + "/deliveries/x/retry").then().statusCode(404);
    }

    @Test
    void refusesBadSubscriptionsAndStoresNone() {
        long before = total();
        String longUrl = "http://127.0.0.1/" + "a".repeat(2000);
        refused("{\"url\": \"ftp://127.0.0.1/hooks\", \"eventTypes\": [\"*\"]}", "url", "must be http or https");
        refused("{\"url\": \"http://ada:pw@127.0.0.1/hooks\", \"eventTypes\": [\"*\"]}", "url", "must not carry credentials");
        refused("{\"url\": \"" + longUrl + "\", \"eventTypes\": [\"*\"]}", "url", "2000");
        refused("{\"url\": \"http://no-such-host.invalid/hooks\", \"eventTypes\": [\"*\"]}", "url", "does not resolve");
        refused("{\"url\": \"" + RECEIVER + "\", \"eventTypes\": [\"dev.amends.case.reopened.v1\", \"dev.amends.case.lost.v1\", "
                + "\"case.opened\"]}", "eventTypes", "unknown event types: dev.amends.case.lost.v1, case.opened");
        refused("{\"url\": \"" + RECEIVER + "\", \"eventTypes\": []}", "eventTypes", "");
        refused("{\"url\": \"" + RECEIVER + "\"}", "eventTypes", "");
        refused("{\"url\": \"" + RECEIVER + "\", \"eventTypes\": [\"*\"], \"secret\": \"mine\"}", "secret", "");
        asAdmin().body("{\"url\": ").post("/webhooks").then().statusCode(400).contentType("application/problem+json");
        asAdmin().contentType(ContentType.TEXT).body("x").post("/webhooks").then().statusCode(415);
        assertThat(total()).isEqualTo(before);
    }

    private static void refused(String body, String field, String message) {
        asAdmin().body(body).post("/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("violations.find { it.field == '" + field + "' }.message", org.hamcrest.Matchers.containsString(message))
                .body("secret", nullValue());
    }

    private static long total() {
        return Long.parseLong(asAdmin().get("/webhooks").header("X-Total-Count"));
    }
}
