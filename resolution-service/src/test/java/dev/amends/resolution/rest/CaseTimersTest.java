package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.json.Instants;
import dev.amends.resolution.service.CaseTimers;
import dev.amends.resolution.service.DueChecks;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.PrometheusText;
import dev.amends.testing.SettableClock;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static dev.amends.common.events.EventType.CASE_ACKNOWLEDGED;
import static dev.amends.common.events.EventType.CASE_CLOSED;
import static dev.amends.common.events.EventType.CASE_OPENED;
import static dev.amends.common.events.EventType.CASE_PROMISE_AT_RISK;
import static dev.amends.common.events.EventType.CASE_PROMISE_BROKEN;
import static dev.amends.common.events.EventType.CASE_PROMISE_KEPT;
import static dev.amends.common.events.EventType.CASE_PROMISE_MADE;
import static dev.amends.common.events.EventType.CASE_PROMISE_RENEGOTIATED;
import static dev.amends.common.events.EventType.CASE_REOPENED;
import static dev.amends.common.events.EventType.CASE_RESOLVED;
import static dev.amends.common.events.EventType.CASE_SLA_BREACHED;
import static dev.amends.common.events.EventType.CASE_SLA_WARNING;
import static dev.amends.common.events.EventType.CASE_STATUS_CHANGED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The time rules (SLA warnings and breaches, pauses, new attempts, promises at risk and broken,
 * auto-close), driven by setting the service's clock and running the scheduled checks by hand.
 * The cases are MEDIUM and private: acknowledge within 4 hours, resolve within 3 days.
 */
@QuarkusTest
class CaseTimersTest extends CaseApiTest {

    private static final String RESOLVE = "{\"outcome\": \"FIXED\", \"summary\": \"Sent a new one\", "
            + "\"cause\": \"COMPANY\", \"expectedVerdict\": \"YES\"}";

    @Inject
    SettableClock clock;
    @Inject
    CaseTimers timers;
    @Inject
    DueChecks checks;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    @Test
    void warnsAtThreeQuartersOfTheAcknowledgeClockAndBreachesAtItsDeadlineOnceEach() throws Exception {
        String id = openCase();
        Instant reported = reportedAt(id);

        runAt(reported.plus(hours(3)).minusMillis(1));
        runAt(reported.plus(hours(3)));
        runAt(reported.plus(hours(3)).plusSeconds(1));
        JsonNode warning = lastEvent(id, 2, CASE_SLA_WARNING);
        assertThat(warning.at("/data/clock").asText()).isEqualTo("ACKNOWLEDGE");
        assertThat(warning.at("/data/deadline").asText()).isEqualTo(Instants.format(reported.plus(hours(4))));
        assertThat(warning.at("/data/actor").asText()).isEqualTo("system");
        assertThat(warning.at("/data/status").asText()).isEqualTo("OPEN");
        as("ola").get("/cases/" + id).then().body("breached", equalTo(false));

        double breachesBefore = PrometheusText.value(metrics(), "amends_sla_breaches_total", "clock=\"ACKNOWLEDGE\"");
        runAt(reported.plus(hours(4)));
        runAt(reported.plus(hours(5)));
        JsonNode breach = lastEvent(id, 3, CASE_SLA_BREACHED);
        String metrics = metrics();
        assertThat(PrometheusText.value(metrics, "amends_sla_breaches_total", "clock=\"ACKNOWLEDGE\""))
                .isGreaterThanOrEqualTo(breachesBefore + 1);
        assertThat(PrometheusText.has(metrics, "amends_cases")).isTrue();
        // The Kafka binder's consumer lag: Micrometer binds the client's lag metrics when it next
        // looks for new ones (once a minute), after the consumers have partitions.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5)).until(() ->
                PrometheusText.has(metrics(), "kafka_consumer_fetch_manager_records_lag_max"));
        assertThat(breach.at("/data/clock").asText()).isEqualTo("ACKNOWLEDGE");
        assertThat(breach.at("/data/attempt").asInt()).isEqualTo(1);
        as("ola").get("/cases/" + id).then().body("breached", equalTo(true)).body("version", equalTo(2))
                .body("history[-1].change", equalTo("sla-breached")).body("history[-1].actor", equalTo("system"));
        as("ola").queryParam("breached", true).queryParam("from", Instants.format(reported))
                .queryParam("to", Instants.format(reported.plusMillis(1)))
                .get("/cases").then().statusCode(200).body("id", hasItem(id));
        assertEventTypes(id, CASE_OPENED, CASE_SLA_WARNING, CASE_SLA_BREACHED);
    }

    @Test
    void aCheckThatRunsAfterTheDeadlineSendsTheBreachWithoutAWarning() {
        String id = openCase();
        runAt(reportedAt(id).plus(hours(4)));
        runAt(reportedAt(id).plus(hours(4)));
        assertEventTypes(id, CASE_OPENED, CASE_SLA_BREACHED);
    }

    @Test
    void waitingOnTheCustomerPausesTheResolveClockAndResumingMovesItsDeadline() throws Exception {
        String id = openCase();
        Instant reported = reportedAt(id);
        clock.setTo(reported.plusSeconds(60));
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        as("ola").body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status").then().statusCode(200);
        clock.setTo(reported.plus(hours(1)));
        as("ola").body("{\"status\": \"WAITING_ON_CUSTOMER\"}").post("/cases/" + id + "/status").then().statusCode(200);

        runAt(reported.plus(days(3)).plus(hours(1)));
        as("ola").body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status").then().statusCode(200)
                .body("resolveBy", equalTo(Instants.format(reported.plus(days(6))))).body("pausedSince", equalTo(null));

        Instant resolveWarning = reported.plus(days(6)).minus(hours(18));
        runAt(resolveWarning.minusMillis(1));
        runAt(resolveWarning);
        runAt(reported.plus(days(6)));
        JsonNode breach = lastEvent(id, 7, CASE_SLA_BREACHED);
        assertThat(breach.at("/data/clock").asText()).isEqualTo("RESOLVE");
        assertThat(breach.at("/data/deadline").asText()).isEqualTo(Instants.format(reported.plus(days(6))));
        assertEventTypes(id, CASE_OPENED, CASE_ACKNOWLEDGED, CASE_STATUS_CHANGED, CASE_STATUS_CHANGED,
                CASE_STATUS_CHANGED, CASE_SLA_WARNING, CASE_SLA_BREACHED);
    }

    @Test
    void aReopenedCaseStartsANewAttemptWithItsOwnResolveWarningAndBreach() throws Exception {
        String id = openCase();
        Instant reported = reportedAt(id);
        clock.setTo(reported.plusSeconds(60));
        as("ola").body("{\"apology\": false}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        runAt(reported.plus(days(3)));
        as("ola").get("/cases/" + id).then().body("breached", equalTo(true));

        as("ola").body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200);
        as("ola").body("{\"reason\": \"still broken\"}").post("/cases/" + id + "/reopen").then().statusCode(200)
                .body("attempt", equalTo(2)).body("breached", equalTo(false))
                .body("resolveBy", equalTo(Instants.format(reported.plus(days(6)))));
        runAt(reported.plus(days(6)).minus(hours(18)));
        runAt(reported.plus(days(6)));

        JsonNode warning = lastEvent(id, 6, CASE_SLA_WARNING);
        assertThat(warning.at("/data/attempt").asInt()).isEqualTo(2);
        assertThat(warning.at("/data/status").asText()).isEqualTo("REOPENED");
        assertThat(lastEvent(id, 7, CASE_SLA_BREACHED).at("/data/attempt").asInt()).isEqualTo(2);
        as("ola").get("/cases/" + id).then().body("breached", equalTo(true));
        assertEventTypes(id, CASE_OPENED, CASE_ACKNOWLEDGED, CASE_SLA_BREACHED, CASE_RESOLVED, CASE_REOPENED,
                CASE_SLA_WARNING, CASE_SLA_BREACHED);
    }

    @Test
    void aPromiseIsAtRiskOncePerDueTimeAndBreaksWhenDueEvenAfterTheResolution() throws Exception {
        String id = openCase();
        Instant made = reportedAt(id).plusSeconds(60);
        clock.setTo(made);
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        String promiseId = as("ola").body("{\"description\": \"We call you\", \"dueAt\": \"" + Instants.format(made.plus(hours(4))) + "\"}")
                .post("/cases/" + id + "/promises").then().statusCode(201).extract().path("id");

        runAt(made.plus(hours(3)).minusMillis(1));
        runAt(made.plus(hours(3)));
        runAt(made.plus(hours(3)));
        JsonNode atRisk = lastEvent(id, 4, CASE_PROMISE_AT_RISK);
        assertThat(atRisk.at("/data/promiseId").asText()).isEqualTo(promiseId);
        assertThat(atRisk.at("/data/dueAt").asText()).isEqualTo(Instants.format(made.plus(hours(4))));

        // Renegotiated at +3h to +7h: at risk again at 75% of the new span, at +6h.
        as("ola").body("{\"dueAt\": \"" + Instants.format(made.plus(hours(7))) + "\", \"reason\": \"customer away\"}")
                .post("/cases/" + id + "/promises/" + promiseId + "/renegotiated").then().statusCode(200);
        as("ola").body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200);
        runAt(made.plus(hours(6)).minusMillis(1));
        runAt(made.plus(hours(6)));
        runAt(made.plus(hours(7)));
        runAt(made.plus(hours(8)));

        JsonNode broken = lastEvent(id, 8, CASE_PROMISE_BROKEN);
        assertThat(broken.at("/data/dueAt").asText()).isEqualTo(Instants.format(made.plus(hours(7))));
        assertThat(broken.at("/data/brokenAt").asText()).isEqualTo(Instants.format(made.plus(hours(7))));
        assertThat(broken.at("/data/status").asText()).isEqualTo("RESOLVED");
        as("ola").get("/cases/" + id).then().body("promises[0].state", equalTo("BROKEN"))
                .body("promises[0].brokenAt", equalTo(Instants.format(made.plus(hours(7)))));
        as("ola").body("{}").post("/cases/" + id + "/promises/" + promiseId + "/kept").then().statusCode(409);
        assertEventTypes(id, CASE_OPENED, CASE_ACKNOWLEDGED, CASE_PROMISE_MADE, CASE_PROMISE_AT_RISK,
                CASE_PROMISE_RENEGOTIATED, CASE_RESOLVED, CASE_PROMISE_AT_RISK, CASE_PROMISE_BROKEN);
    }

    @Test
    void aSecondBreachInTheSameAttemptGrowsTheVersionAgain() {
        String id = openCase();
        Instant reported = reportedAt(id);
        runAt(reported.plus(hours(4)));
        int afterFirst = as("ola").get("/cases/" + id).then().body("breached", equalTo(true)).extract().path("version");

        runAt(reported.plus(days(3)));

        as("ola").get("/cases/" + id).then().body("version", equalTo(afterFirst + 1))
                .body("history.findAll { it.change == 'sla-breached' }.size()", equalTo(2));
        assertEventTypes(id, CASE_OPENED, CASE_SLA_BREACHED, CASE_SLA_BREACHED);
    }

    @Test
    void promisesOfAClosedCaseCanStillBeKeptOrRenegotiatedAndBreakWhenDue() throws Exception {
        String id = openCase();
        Instant made = reportedAt(id).plusSeconds(60);
        clock.setTo(made);
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        List<String> promises = new ArrayList<>();
        for (String description : List.of("We refund you", "We call you", "We send a new one")) {
            promises.add(as("ola").body("{\"description\": \"" + description + "\", \"dueAt\": \""
                            + Instants.format(made.plus(days(40))) + "\"}")
                    .post("/cases/" + id + "/promises").then().statusCode(201).extract().path("id"));
        }
        as("ola").body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200);
        runAt(made.plus(days(16)));
        int closedVersion = as("ola").get("/cases/" + id).then().body("status", equalTo("CLOSED")).extract().path("version");

        as("ola").body("{\"note\": \"refunded\"}").post("/cases/" + id + "/promises/" + promises.get(0) + "/kept")
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("promises.find { it.id == '" + promises.get(0) + "' }.state", equalTo("KEPT"))
                .body("version", equalTo(closedVersion + 1));
        as("ola").body("{\"dueAt\": \"" + Instants.format(made.plus(days(50))) + "\", \"reason\": \"customer away\"}")
                .post("/cases/" + id + "/promises/" + promises.get(1) + "/renegotiated")
                .then().statusCode(200).body("promises.find { it.id == '" + promises.get(1) + "' }.dueAt", equalTo(Instants.format(made.plus(days(50)))));
        as("ola").body("{\"owner\": \"per\", \"reason\": \"holiday\"}").put("/cases/" + id + "/owner").then().statusCode(409);
        as("ola").body("{\"description\": \"More\", \"dueAt\": \"" + Instants.format(made.plus(days(60))) + "\"}")
                .post("/cases/" + id + "/promises").then().statusCode(409);
        as("ola").body("{\"kind\": \"GIFT\", \"amount\": 10, \"currency\": \"NOK\", \"description\": \"x\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(409);
        as("ola").body("{\"reason\": \"again\"}").post("/cases/" + id + "/reopen").then().statusCode(409);

        runAt(made.plus(days(40)));
        as("ola").get("/cases/" + id).then().body("status", equalTo("CLOSED"))
                .body("promises.find { it.id == '" + promises.get(1) + "' }.state", equalTo("OPEN")).body("promises.find { it.id == '" + promises.get(2) + "' }.state", equalTo("BROKEN"));
        runAt(made.plus(days(50)));
        as("ola").get("/cases/" + id).then().body("promises.find { it.id == '" + promises.get(1) + "' }.state", equalTo("BROKEN"));

        lastEvent(id, 11, CASE_PROMISE_BROKEN);
        List<JsonNode> events = eventsFor(id).stream().map(record -> {
            try {
                return mapper.readTree(record.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        List<JsonNode> afterClosing = events.subList(events.indexOf(events.stream()
                .filter(e -> e.get("type").asText().equals(CASE_CLOSED.type())).findFirst().orElseThrow()) + 1, events.size());
        assertThat(afterClosing).extracting(e -> e.get("type").asText()).contains(CASE_PROMISE_KEPT.type(),
                CASE_PROMISE_RENEGOTIATED.type(), CASE_PROMISE_BROKEN.type());
        assertThat(afterClosing).extracting(e -> e.at("/data/status").asText()).containsOnly("CLOSED");
        assertThat(afterClosing).filteredOn(e -> e.get("type").asText().equals(CASE_PROMISE_BROKEN.type()))
                .extracting(e -> e.at("/data/promiseId").asText()).containsExactly(promises.get(2), promises.get(1));
    }

    @Test
    void aResolvedCaseClosesByItselfSixteenDaysAfterTheResolution() throws Exception {
        String id = openCase();
        Instant resolved = reportedAt(id).plusSeconds(60);
        clock.setTo(resolved);
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        as("ola").body(RESOLVE).post("/cases/" + id + "/resolution").then().statusCode(200);

        runAt(resolved.plus(days(16)).minusMillis(1));
        as("ola").get("/cases/" + id).then().body("status", equalTo("RESOLVED"));
        runAt(resolved.plus(days(16)));
        runAt(resolved.plus(days(17)));

        JsonNode closed = lastEvent(id, 4, CASE_CLOSED);
        assertThat(closed.at("/data/by").asText()).isEqualTo("AUTO");
        assertThat(closed.at("/data/actor").asText()).isEqualTo("system");
        assertThat(closed.at("/data/closedAt").asText()).isEqualTo(Instants.format(resolved.plus(days(16))));
        as("ola").get("/cases/" + id).then().body("status", equalTo("CLOSED"))
                .body("closedAt", equalTo(Instants.format(resolved.plus(days(16)))));
        assertEventTypes(id, CASE_OPENED, CASE_ACKNOWLEDGED, CASE_RESOLVED, CASE_CLOSED);
    }

    @Test
    void twoSchedulersRacingSendEachWarningOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        for (int i = 0; i < 5; i++) {
            String id = openCase();
            ids.add(id);
            latest = reportedAt(id).isAfter(latest) ? reportedAt(id) : latest;
        }
        clock.setTo(latest.plus(hours(3)));
        CyclicBarrier start = new CyclicBarrier(2);
        Runnable replica = () -> {
            try {
                start.await();
                checks.slaClocks();
                timers.runDue();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        CompletableFuture.allOf(CompletableFuture.runAsync(replica), CompletableFuture.runAsync(replica)).get();

        for (String id : ids) {
            assertEventTypes(id, CASE_OPENED, CASE_SLA_WARNING);
        }
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private void runAt(Instant instant) {
        clock.setTo(instant);
        timers.runDue();
    }

    private Instant reportedAt(String id) {
        return Instant.parse(given().auth().oauth2(agent("ola")).get("/cases/" + id).then().statusCode(200)
                .extract().path("reportedAt"));
    }

    /** Exactly these events, in this order, are on the topic for the case. */
    private void assertEventTypes(String id, EventType... expected) {
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            cases.await(TopicReader.key(id), expected.length, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = cases.allPublished(dataSource, TopicReader.key(id));
            List<String> types = records.stream().map(record -> {
                try {
                    return mapper.readTree(record.value()).get("type").asText();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(types).containsExactlyElementsOf(Arrays.stream(expected).map(EventType::type).toList());
        }
    }

    private static Duration hours(int hours) {
        return Duration.ofHours(hours);
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }
}
