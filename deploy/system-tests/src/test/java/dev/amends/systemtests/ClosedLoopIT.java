package dev.amends.systemtests;

import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.local.LocalStack;
import dev.amends.testing.TopicReader;
import dev.amends.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The three packaged services together on one local stack, with mail to a real SMTP server and
 * spans to a collector: an incident reported to intake, its case resolved on resolution-service,
 * the invitation mailed, the link answered NO with a comment (the case reopens with the customer's
 * words as the reason), resolved again, answered YES (it
 * closes); erasure from intake's DELETE reaching every service; one trace from the request to
 * case.opened.
 */
class ClosedLoopIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private static SmtpInbox smtp;
    private static CollectorStandIn collector;
    private static LocalStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        SystemStack shared = SystemStack.get();
        smtp = shared.smtp;
        collector = shared.collector;
        stack = shared.stack;
    }

    @Test
    void oneTraceRunsFromTheIncidentRequestToItsCaseOpenedEvent() {
        String id = report("C-trace-" + UUID.randomUUID(), "Kari Nordmann", "trace-" + UUID.randomUUID() + "@example.no", "en");

        String traceId;
        try (TopicReader cases = new TopicReader(stack.kafka().bootstrapServers(), Topics.CASES)) {
            var opened = cases.await(record -> record.key().equals(id)
                    && record.value().contains("\"" + EventType.CASE_OPENED.type() + "\""), 1,
                    EVENTUALLY).get(0);
            String traceparent = new String(opened.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            traceId = traceparent.split("-")[1];
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            List<CollectorStandIn.ReceivedSpan> trace = collector.spans().stream()
                    .filter(span -> span.traceId().equals(traceId)).toList();
            assertThat(trace).as("intake's span of the request that reported the incident")
                    .anyMatch(span -> span.service().equals("intake-service") && span.kind().equals("SPAN_KIND_SERVER")
                            && span.name().contains("/incidents"));
            assertThat(trace).as("resolution's span of consuming incident.reported, in the same trace")
                    .anyMatch(span -> span.service().equals("resolution-service") && span.kind().equals("SPAN_KIND_CONSUMER")
                            && !span.parentSpanId().isEmpty());
        });
    }

    @Test
    void aNoReopensTheCaseAndTheSecondAttemptsYesClosesIt() throws Exception {
        String email = "loop-" + UUID.randomUUID() + "@example.no";
        String id = report("C-loop-" + UUID.randomUUID(), "Kari Nordmann", email, "nb-NO");

        acknowledgeAndResolve(id, "YES");
        List<String> firstMail = awaitMails(email, 1).get(0);
        assertThat(firstMail.get(0)).isEqualTo("Løste vi problemet ditt?");
        String firstToken = token(firstMail.get(1));
        survey().get("/s/" + firstToken).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("lang=\"nb\""));
        WebhookReceiver helpdesk = WebhookReceiver.answering(200);
        String secret = admin().body("{\"url\": \"" + helpdesk.url() + "\", \"eventTypes\": [\""
                + EventType.CASE_REOPENED.type() + "\"]}").post("/webhooks").then().statusCode(201).extract().path("secret");
        Instant answered = Instant.now();
        survey().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "NO").formParam("satisfaction", "2")
                .formParam("comment", "Stolen er fortsatt feil farge").post("/s/" + firstToken)
                .then().statusCode(200).body(containsString("Takk!"));

        await().atMost(EVENTUALLY).untilAsserted(() -> agent().get("/cases/" + id).then()
                .body("status", equalTo("REOPENED")).body("attempt", equalTo(2))
                .body("resolutions[0].customerVerdict", equalTo("NO"))
                .body("resolutions[0].customerAnswer.satisfaction", equalTo(2))
                .body("resolutions[0].customerAnswer.comment", equalTo("Stolen er fortsatt feil farge"))
                .body("history.find { it.actor == 'customer' && it.to == 'REOPENED' }.reason",
                        equalTo("Stolen er fortsatt feil farge")));
        theOwnersToolHearsOfTheReopen(helpdesk, secret, id, answered);

        acknowledgeAndResolve(id, "PARTLY");
        String secondToken = token(awaitMails(email, 2).get(1).get(1));
        assertThat(secondToken).isNotEqualTo(firstToken);
        survey().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": 5}")
                .post("/surveys/" + secondToken + "/answer").then().statusCode(200);

        await().atMost(EVENTUALLY).untilAsserted(() -> agent().get("/cases/" + id).then()
                .body("status", equalTo("CLOSED")).body("resolutions[1].customerVerdict", equalTo("YES")));
        survey().get("/s/" + firstToken).then().statusCode(409);
    }

    @Test
    void anErasureAtIntakeLeavesNoServiceWithTheCustomersContactOrWordsAndTheFiguresStay() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "C-erase-" + run;
        String email = "erase-" + run + "@example.no";
        String phone = "+4791234567";
        String category = "erasure-" + run;
        Instant from = Instant.now().minusSeconds(1);
        String id = report(customerId, "Kari Erasure" + run, email, "en", category, phone);
        acknowledgeAndResolve(id, "YES");
        String token = token(awaitMails(email, 1).get(0).get(1));
        survey().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"PARTLY\", \"satisfaction\": 3, "
                + "\"comment\": \"Call me on " + phone + "\"}").post("/surveys/" + token + "/answer").then().statusCode(200);
        Instant to = Instant.now().plusSeconds(1);
        await().atMost(EVENTUALLY).untilAsserted(() -> agent().get("/cases/" + id).then()
                .body("resolutions[0].customerAnswer.comment", equalTo("Call me on " + phone)));
        Map<String, Object> before = reportGroup(from, to, category);

        given().baseUri(stack.url("intake-service")).auth().oauth2(stack.token("agent"))
                .queryParam("source", "webshop").delete("/customers/" + customerId + "/personal-data")
                .then().statusCode(204);

        given().baseUri(stack.url("intake-service")).auth().oauth2(stack.token("agent")).get("/incidents/" + id)
                .then().statusCode(200).body("customer.name", nullValue()).body("customer.email", nullValue())
                .body("customer.phone", nullValue());
        try (TopicReader comments = new TopicReader(stack.kafka().bootstrapServers(), Topics.COMMENTS)) {
            List<String> words = new ArrayList<>();
            await().atMost(EVENTUALLY).until(() -> {
                comments.toEnd(record -> true).forEach(record -> words.add(record.value()));
                return !words.isEmpty() && words.get(words.size() - 1) == null;
            });
            assertThat(words).as("the comment's words, then the tombstone compaction removes them by")
                    .anyMatch(value -> value != null && value.contains(phone));
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> agent().get("/cases/" + id).then()
                .body("resolutions[0].customerAnswer.resolvedSatisfactorily", equalTo("PARTLY"))
                .body("resolutions[0].customerAnswer.comment", nullValue()));
        assertThat(reportGroup(from, to, category)).isEqualTo(before);
    }

    @Test
    void aCrashOfResolutionServiceLosesNoWebhookDelivery() throws Exception {
        int incidents = 30;
        // A second per answer: deliveries are still being tried when the service is killed.
        try (WebhookReceiver tool = WebhookReceiver.answering(n -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        })) {
            String secret = admin().body("{\"url\": \"" + tool.url() + "\", \"eventTypes\": [\""
                    + EventType.CASE_OPENED.type() + "\"]}").post("/webhooks").then().statusCode(201).extract().path("secret");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < incidents; i++) {
                ids.add(post("C-crash-" + UUID.randomUUID(), "Kari Crash", "crash@example.no", "en", "delivery", "+4799999999"));
            }
            await().atMost(EVENTUALLY).until(() -> tool.received().size() >= 3);
            String resolution = stack.replicas("resolution-service").get(0);
            stack.kill(resolution);
            long deliveredBeforeTheCrash = tool.received().stream().map(r -> r.header("webhook-id")).distinct().count();
            stack.restart(resolution);

            Map<String, String> openedEvents = new HashMap<>();
            try (TopicReader cases = new TopicReader(stack.kafka().bootstrapServers(), Topics.CASES)) {
                cases.await(record -> ids.contains(record.key()) && record.value().contains(EventType.CASE_OPENED.type()),
                        incidents, EVENTUALLY).forEach(record -> openedEvents.put(
                        new io.restassured.path.json.JsonPath(record.value()).getString("id"), record.value()));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> openedEvents.keySet().stream()
                    .allMatch(eventId -> !tool.receivedOf(eventId).isEmpty()));
            assertThat(deliveredBeforeTheCrash).isLessThan(incidents);
            List<WebhookReceiver.Received> firstOfEach = openedEvents.keySet().stream()
                    .map(eventId -> tool.receivedOf(eventId).get(0)).toList();
            firstOfEach.forEach(delivery -> assertThat(delivery.body()).isEqualTo(openedEvents.get(delivery.header("webhook-id"))));
            ContractCheckers.Run verified = StandardWebhooks.verify(secret, firstOfEach);
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            System.out.printf("Webhooks across a kill -9 of resolution-service: %d of %d delivered before it, all %d after "
                    + "the restart (%d requests in all: at least once).%n", deliveredBeforeTheCrash, incidents, incidents,
                    tool.received().size());
        }
    }

    /** The customer's NO reaches a webhook receiver as a signed case.reopened, within seconds. */
    private static void theOwnersToolHearsOfTheReopen(WebhookReceiver helpdesk, String secret, String id, Instant answered)
            throws Exception {
        try (helpdesk) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !helpdesk.received().isEmpty());
            WebhookReceiver.Received reopened = helpdesk.received().get(0);
            System.out.printf("The customer's NO reached the webhook receiver %d ms after the answer was posted.%n",
                    Duration.between(answered, reopened.at()).toMillis());
            var event = new io.restassured.path.json.JsonPath(reopened.body());
            assertThat(event.getString("type")).isEqualTo(EventType.CASE_REOPENED.type());
            assertThat(event.getString("subject")).isEqualTo(id);
            assertThat(event.getString("data.by")).isEqualTo("CUSTOMER");
            assertThat(event.getString("data.owner")).isEqualTo(agent().get("/cases/" + id).path("owner").toString());
            ContractCheckers.Run verified = StandardWebhooks.verify(secret, List.of(reopened, StandardWebhooks.tampered(reopened)));
            assertThat(verified.output().lines().toList()).as(verified.output()).containsExactly(
                    "verified " + event.getString("id"), "refused " + event.getString("id") + ": No matching signature found");
        }
    }

    private static String report(String customerId, String name, String email, String locale) {
        return report(customerId, name, email, locale, "delivery", "+4799999999");
    }

    private static String report(String customerId, String name, String email, String locale, String category,
                                 String phone) {
        String id = post(customerId, name, email, locale, category, phone);
        await().atMost(EVENTUALLY).untilAsserted(() -> agent().get("/cases/" + id).then().statusCode(200));
        return id;
    }

    /** Reports an incident to intake and answers its id, without waiting for its case. */
    private static String post(String customerId, String name, String email, String locale, String category,
                               String phone) {
        return given().baseUri(stack.url("intake-service")).auth().oauth2(stack.token("reporter"))
                .contentType(ContentType.JSON)
                .body("{\"source\": \"webshop\", \"channel\": \"EMAIL\", \"category\": \"" + category + "\", "
                        + "\"summary\": \"Wrong item\", \"customer\": {\"id\": \"" + customerId + "\", \"name\": \"" + name
                        + "\", \"email\": \"" + email + "\", \"phone\": \"" + phone + "\", \"locale\": \"" + locale + "\"}}")
                .post("/incidents").then().statusCode(201).extract().path("id");
    }

    private static void acknowledgeAndResolve(String id, String expectedVerdict) {
        String status = agent().get("/cases/" + id).then().extract().path("status");
        if ("OPEN".equals(status)) {
            agent().body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        }
        agent().body("{\"outcome\": \"FIXED\", \"summary\": \"Sent the right one\", \"cause\": \"SUPPLIER\", "
                + "\"expectedVerdict\": \"" + expectedVerdict + "\"}").post("/cases/" + id + "/resolution")
                .then().statusCode(200);
    }

    private static List<List<String>> awaitMails(String email, int count) {
        return smtp.awaitMails(email, count, EVENTUALLY);
    }

    private static String token(String mailText) {
        return SmtpInbox.token(mailText);
    }

    private static Map<String, Object> reportGroup(Instant from, Instant to, String category) {
        List<Map<String, Object>> groups = given().baseUri(stack.url("survey-service")).auth()
                .oauth2(stack.token("analyst")).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("groupBy", "category").get("/reports/recovery").then().statusCode(200)
                .extract().jsonPath().getList("groups");
        return groups.stream().filter(group -> category.equals(group.get("key"))).findFirst().orElseThrow();
    }

    private static RequestSpecification agent() {
        return given().baseUri(stack.url("resolution-service")).auth().oauth2(stack.token("agent"))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification admin() {
        return given().baseUri(stack.url("resolution-service")).auth().oauth2(stack.token("admin"))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification survey() {
        return given().baseUri(stack.url("survey-service"));
    }
}
