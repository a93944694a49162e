package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.resolution.service.WebhookSignature;
import dev.amends.testing.SettableClock;
import dev.amends.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.amends.resolution.rest.WebhookApiTest.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries to real HTTP receivers on loopback (contract section 10): the CloudEvent exactly as
 * Kafka carried it, signed; retried with the same webhook-id; a 410 disables; a receiver that
 * never answers delays no other; two signatures for a day after a rotation.
 */
@QuarkusTest
class WebhookDeliveryTest extends CaseApiTest {

    private static final String OPENED = "[\"" + EventType.CASE_OPENED.type() + "\"]";

    @Inject
    SettableClock clock;

    private final List<String> subscriptions = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void removeSubscriptionsAndReceivers() {
        clock.reset();
        subscriptions.forEach(id -> asAdmin().delete("/webhooks/" + id));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void deliversTheSubscribedTypesSignedExactlyAsKafkaCarriedThem() throws Exception {
        WebhookReceiver receiver = receiver(() -> WebhookReceiver.answering(200));
        JsonPath subscription = subscribe(receiver, OPENED);

        String id = openCase();
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        List<ConsumerRecord<String, String>> events = eventsFor(id);
        assertThat(events).hasSize(2);
        String opened = events.get(0).value();
        String eventId = mapper.readTree(opened).get("id").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.receivedOf(eventId).isEmpty());
        WebhookReceiver.Received delivery = receiver.receivedOf(eventId).get(0);
        assertThat(delivery.body()).isEqualTo(opened);
        assertThat(delivery.header("Content-Type")).isEqualTo("application/cloudevents+json");
        long timestamp = Long.parseLong(delivery.header("webhook-timestamp"));
        assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
        assertThat(delivery.header("webhook-signature"))
                .isEqualTo(WebhookSignature.header(List.of(subscription.getString("secret")), eventId, timestamp, opened));

        JsonNode logged = await().atMost(Duration.ofSeconds(10)).until(() -> logged(subscription, eventId),
                entry -> entry != null && entry.get("state").asText().equals("DELIVERED"));
        assertThat(logged.get("attempts").asInt()).isEqualTo(1);
        assertThat(logged.get("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(Duration.parse(logged.get("lastDuration").asText())).isLessThan(Duration.ofSeconds(10));
        // The acknowledgement is not a subscribed type.
        assertThat(deliveries(subscription)).hasSize(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void retriesAFailedTryWithTheSameWebhookId() throws Exception {
        WebhookReceiver receiver = receiver(() -> WebhookReceiver.answering(n -> n == 1 ? 500 : 200));
        JsonPath subscription = subscribe(receiver, OPENED);

        String eventId = firstEventId(openCase());

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOf(eventId).size() == 2);
        List<WebhookReceiver.Received> tries = receiver.receivedOf(eventId);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThan(Duration.ofMillis(4500));
        assertThat(tries.get(1).body()).isEqualTo(tries.get(0).body());
        JsonNode logged = await().atMost(Duration.ofSeconds(10)).until(() -> logged(subscription, eventId),
                entry -> entry.get("state").asText().equals("DELIVERED"));
        assertThat(logged.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void waitsAsLongAsARetryAfterAsks() {
        WebhookReceiver receiver = receiver(() -> WebhookReceiver.answering(503).withRetryAfter("3600"));
        JsonPath subscription = subscribe(receiver, OPENED);

        String eventId = firstEventId(openCase());

        JsonNode logged = await().atMost(Duration.ofSeconds(15)).until(() -> logged(subscription, eventId),
                entry -> entry != null && entry.get("attempts").asInt() == 1);
        assertThat(logged.get("state").asText()).isEqualTo("PENDING");
        assertThat(logged.get("lastStatusCode").asInt()).isEqualTo(503);
        assertThat(Instant.parse(logged.get("nextAttemptAt").asText()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(59)));
    }

    @Test
    void aGoneReceiverDisablesItsSubscriptionUntilEnabledAgain() throws Exception {
        int[] answer = {410};
        WebhookReceiver receiver = receiver(() -> WebhookReceiver.answering(n -> answer[0]));
        JsonPath subscription = subscribe(receiver, OPENED);
        String webhook = "/webhooks/" + subscription.getString("id");

        String eventId = firstEventId(openCase());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> asAdmin().get(webhook).then()
                .body("state", org.hamcrest.Matchers.equalTo("DISABLED"))
                .body("disabledReason", org.hamcrest.Matchers.equalTo("GONE")));
        assertThat(logged(subscription, eventId).get("state").asText()).isEqualTo("FAILED");

        String whileDisabled = firstEventId(openCase());
        assertThat(logged(subscription, whileDisabled)).isNull();

        answer[0] = 200;
        asAdmin().post(webhook + "/enable").then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("ENABLED"))
                .body("disabledReason", org.hamcrest.Matchers.nullValue());
        asAdmin().post(webhook + "/deliveries/" + eventId + "/retry").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.receivedOf(eventId).size() == 2);
        assertThat(receiver.receivedOf(whileDisabled)).isEmpty();
    }

    @Test
    void aReceiverThatNeverAnswersDelaysNoOther() {
        WebhookReceiver silent = receiver(() -> WebhookReceiver.answering(0));
        WebhookReceiver healthy = receiver(() -> WebhookReceiver.answering(200));
        JsonPath stuck = subscribe(silent, OPENED);
        subscribe(healthy, OPENED);

        List<String> caseIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            caseIds.add(openCase());
        }
        List<ConsumerRecord<String, String>> opened = caseIds.stream().map(id -> eventsFor(id).get(0)).toList();

        for (ConsumerRecord<String, String> event : opened) {
            String eventId = new JsonPath(event.value()).getString("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> !healthy.receivedOf(eventId).isEmpty());
            // Well within the silent receiver's timeout (2 s here): no delivery waited behind one of its tries.
            assertThat(Duration.between(Instant.ofEpochMilli(event.timestamp()), healthy.receivedOf(eventId).get(0).at()))
                    .isLessThan(Duration.ofMillis(1500));
        }
        String first = new JsonPath(opened.get(0).value()).getString("id");
        JsonNode timedOut = await().atMost(Duration.ofSeconds(15)).until(() -> logged(stuck, first),
                entry -> entry.get("attempts").asInt() >= 1);
        assertThat(timedOut.get("lastError").asText()).isEqualTo("TIMEOUT");
        assertThat(timedOut.get("lastStatusCode").isNull()).isTrue();
        assertThat(timedOut.get("state").asText()).isEqualTo("PENDING");
    }

    @Test
    void signsWithTheOldSecretBesideTheNewOneForADay() {
        WebhookReceiver receiver = receiver(() -> WebhookReceiver.answering(200));
        JsonPath subscription = subscribe(receiver, OPENED);
        String webhook = "/webhooks/" + subscription.getString("id");
        String newSecret = asAdmin().post(webhook + "/secret").then().statusCode(200).extract().path("secret");

        String ping = asAdmin().post(webhook + "/test").then().statusCode(200)
                .body("eventType", org.hamcrest.Matchers.equalTo("dev.amends.webhook.test.v1"))
                .extract().path("eventId");

        await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.receivedOf(ping).isEmpty());
        WebhookReceiver.Received delivery = receiver.receivedOf(ping).get(0);
        long timestamp = Long.parseLong(delivery.header("webhook-timestamp"));
        assertThat(delivery.header("webhook-signature").split(" ")).containsExactly(
                WebhookSignature.header(List.of(newSecret), ping, timestamp, delivery.body()),
                WebhookSignature.header(List.of(subscription.getString("secret")), ping, timestamp, delivery.body()));
        JsonPath event = new JsonPath(delivery.body());
        assertThat(event.getString("type")).isEqualTo("dev.amends.webhook.test.v1");
        assertThat(event.getString("data.webhookId")).isEqualTo(subscription.getString("id"));
    }

    @Test
    void fiveDaysOfFailuresWithoutASuccessDisable() {
        WebhookReceiver receiver = receiver(() -> WebhookReceiver.answering(500));
        JsonPath subscription = subscribe(receiver, OPENED);
        String webhook = "/webhooks/" + subscription.getString("id");
        String ping = asAdmin().post(webhook + "/test").then().statusCode(200).extract().path("eventId");
        await().atMost(Duration.ofSeconds(15)).until(() -> logged(subscription, ping).get("attempts").asInt() == 1);
        asAdmin().get(webhook).then().body("state", org.hamcrest.Matchers.equalTo("ENABLED"));

        clock.setTo(Instant.now().plus(Duration.ofDays(5)).plusSeconds(60));
        asAdmin().post(webhook + "/deliveries/" + ping + "/retry").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> asAdmin().get(webhook).then()
                .body("state", org.hamcrest.Matchers.equalTo("DISABLED"))
                .body("disabledReason", org.hamcrest.Matchers.equalTo("FAILING")));
        assertThat(receiver.receivedOf(ping)).hasSize(2);
    }

    private WebhookReceiver receiver(java.util.concurrent.Callable<WebhookReceiver> made) {
        try {
            WebhookReceiver receiver = made.call();
            receivers.add(receiver);
            return receiver;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonPath subscribe(WebhookReceiver receiver, String eventTypes) {
        JsonPath made = asAdmin().body("{\"url\": \"" + receiver.url() + "\", \"eventTypes\": " + eventTypes + "}")
                .post("/webhooks").then().statusCode(201).extract().jsonPath();
        subscriptions.add(made.getString("id"));
        return made;
    }

    private String firstEventId(String caseId) {
        try {
            return mapper.readTree(lastEvent(caseId, 1, EventType.CASE_OPENED).toString()).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> deliveries(JsonPath subscription) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        mapper.readTree(asAdmin().get("/webhooks/" + subscription.getString("id") + "/deliveries").then().statusCode(200)
                .extract().asString()).forEach(entries::add);
        return entries;
    }

    /** The subscription's log entry of this event; null while it has none. */
    private JsonNode logged(JsonPath subscription, String eventId) throws Exception {
        return deliveries(subscription).stream().filter(entry -> entry.get("eventId").asText().equals(eventId))
                .findFirst().orElse(null);
    }
}
