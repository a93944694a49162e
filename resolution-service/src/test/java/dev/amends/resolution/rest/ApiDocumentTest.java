package dev.amends.resolution.rest;

import dev.amends.common.events.Channel;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.ApiDocument;
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
import static org.awaitility.Awaitility.await;

/** The OpenAPI document resolution-service serves describes its real answers, success and problem alike. */
@QuarkusTest
class ApiDocumentTest extends CaseApiTest {

    private static final String CASE = "/cases/{id}";

    @Test
    void describesTheAnswersOfEveryOperation() {
        ApiDocument document = ApiDocument.served();
        String id = openCase();
        String promiseDue = Instant.now().plus(2, ChronoUnit.DAYS).toString();

        Response read = document.assertDescribes("GET", CASE, as("ola").get("/cases/" + id).andReturn());
        assertThat(read.statusCode()).isEqualTo(200);
        Response unchanged = document.assertDescribes("GET", CASE,
                as("ola").header("If-None-Match", read.header("ETag")).get("/cases/" + id).andReturn());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        document.assertDescribes("GET", "/cases", given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("owner", "ola").get("/cases").andReturn());

        change(document, "PUT", CASE + "/owner", id, "{\"owner\": \"ola\", \"reason\": \"mine\"}", 200);
        change(document, "PUT", CASE + "/assignee", id, "{\"assignee\": \"per\"}", 200);
        change(document, "POST", CASE + "/acknowledgement", id, "{\"apology\": true}", 200);
        change(document, "POST", CASE + "/status", id, "{\"status\": \"IN_PROGRESS\"}", 200);
        String promise = change(document, "POST", CASE + "/promises", id,
                "{\"description\": \"Someone calls you\", \"dueAt\": \"" + promiseDue + "\"}", 201).path("id");
        change(document, "POST", CASE + "/promises/{promiseId}/renegotiated", id + "|" + promise,
                "{\"dueAt\": \"" + Instant.now().plus(3, ChronoUnit.DAYS) + "\", \"reason\": \"Asked to\"}", 200);
        change(document, "POST", CASE + "/promises/{promiseId}/kept", id + "|" + promise, "{}", 200);
        Response compensation = change(document, "POST", CASE + "/compensations", id,
                "{\"kind\": \"REFUND\", \"amount\": 200.00, \"currency\": \"NOK\", \"description\": \"Goodwill\"}", 201);
        assertThat(compensation.header("Location")).endsWith("/compensations/" + compensation.path("id"));
        change(document, "POST", CASE + "/resolution", id, "{\"outcome\": \"FIXED\", \"summary\": \"Sent the chair\", "
                + "\"cause\": \"SUPPLIER\", \"expectedVerdict\": \"YES\"}", 200);
        change(document, "POST", CASE + "/reopen", id, "{\"reason\": \"Still wrong\"}", 200);
        webhookOperations(document);
        caseActionOperations(document);

        document.assertEveryOperationChecked();
    }

    @Test
    void describesTheProblemAnswers() {
        ApiDocument document = ApiDocument.served();
        String id = openCase();

        Response stale = document.assertDescribes("POST", CASE + "/acknowledgement", as("ola").header("If-Match", "\"999\"")
                .body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").andReturn());
        assertThat(stale.statusCode()).isEqualTo(412);
        Response notResolved = change(document, "POST", CASE + "/reopen", id, "{\"reason\": \"Why\"}", 409);
        assertThat(notResolved.contentType()).startsWith("application/problem+json");
        Response invalid = change(document, "POST", CASE + "/status", id, "{\"status\": \"DONE\", \"extra\": 1}", 400);
        assertThat(invalid.jsonPath().getList("violations.field")).contains("status");
        change(document, "POST", CASE + "/status", UUID.randomUUID().toString(), "{\"status\": \"IN_PROGRESS\"}", 404);
        Response wrongRole = document.assertDescribes("PUT", CASE + "/owner", given()
                .auth().oauth2(AmendsTestStack.token("ana", "analyst")).contentType("application/json")
                .body("{\"owner\": \"ana\", \"reason\": \"x\"}").put("/cases/" + id + "/owner").andReturn());
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        Response noToken = document.assertDescribes("GET", CASE, given().get("/cases/" + id).andReturn());
        assertThat(noToken.statusCode()).isEqualTo(401);
        Response badFilter = document.assertDescribes("GET", "/cases",
                as("ola").queryParam("breached", "maybe").get("/cases").andReturn());
        assertThat(badFilter.statusCode()).isEqualTo(400);
    }

    private void webhookOperations(ApiDocument document) {
        Response made = document.assertDescribes("POST", "/webhooks", WebhookApiTest.asAdmin()
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"url\": \"" + WebhookApiTest.RECEIVER + "\", \"eventTypes\": [\"*\"], \"description\": null}")
                .post("/webhooks").andReturn());
        assertThat(made.statusCode()).isEqualTo(201);
        String webhook = "/webhooks/" + made.path("id");
        document.assertDescribes("GET", "/webhooks", WebhookApiTest.asAdmin().get("/webhooks").andReturn());
        document.assertDescribes("GET", "/webhooks/{id}", WebhookApiTest.asAdmin().get(webhook).andReturn());
        document.assertDescribes("POST", "/webhooks/{id}/secret", WebhookApiTest.asAdmin().post(webhook + "/secret").andReturn());
        document.assertDescribes("POST", "/webhooks/{id}/enable", WebhookApiTest.asAdmin().post(webhook + "/enable").andReturn());
        Response ping = document.assertDescribes("POST", "/webhooks/{id}/test",
                WebhookApiTest.asAdmin().post(webhook + "/test").andReturn());
        assertThat(ping.statusCode()).isEqualTo(200);
        Response log = document.assertDescribes("GET", "/webhooks/{id}/deliveries",
                WebhookApiTest.asAdmin().get(webhook + "/deliveries").andReturn());
        assertThat(log.jsonPath().getList("eventId")).contains(ping.path("eventId").toString());
        Response retried = document.assertDescribes("POST", "/webhooks/{id}/deliveries/{eventId}/retry",
                WebhookApiTest.asAdmin().post(webhook + "/deliveries/" + ping.path("eventId") + "/retry").andReturn());
        assertThat(retried.statusCode()).isEqualTo(200);
        Response deleted = document.assertDescribes("DELETE", "/webhooks/{id}", WebhookApiTest.asAdmin().delete(webhook).andReturn());
        assertThat(deleted.statusCode()).isEqualTo(204);
        Response gone = document.assertDescribes("GET", "/webhooks/{id}", WebhookApiTest.asAdmin().get(webhook).andReturn());
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    /** A change on {@code target} (a case id, or "caseId|promiseId"), checked against the document. */
    private Response change(ApiDocument document, String method, String template, String target, String body, int status) {
        String[] ids = target.split("\\|");
        String path = template.replace("{id}", ids[0]).replace("{promiseId}", ids.length > 1 ? ids[1] : "");
        Response answer = document.assertDescribes(method, template,
                as("ola").header("Idempotency-Key", UUID.randomUUID().toString()).body(body).request(method, path).andReturn());
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.asString()).isEqualTo(status);
        return answer;
    }

    private void caseActionOperations(ApiDocument document) {
        UUID disruption = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.INCIDENTS, id.toString(), "/intake-service", new IncidentReported(id, "webshop", null, Channel.OTHER,
                null, Severity.MEDIUM, false, null, now, "k1:" + "1f".repeat(32), "en", Origin.OUTREACH, disruption));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent("ola")).get("/cases/" + id).then().statusCode(200));
        Response started = document.assertDescribes("POST", "/case-actions", as("ola").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"disruptionId\": \"" + disruption + "\", \"action\": \"ACKNOWLEDGE\", \"apology\": true}")
                .post("/case-actions").andReturn());
        assertThat(started.statusCode()).isEqualTo(202);
        Response progress = document.assertDescribes("GET", "/case-actions/{id}",
                given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get(started.header("Location")).andReturn());
        assertThat(progress.<Integer>path("total")).isEqualTo(1);
    }
}
