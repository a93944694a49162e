package dev.amends.survey.report;

import dev.amends.common.events.ReopenedBy;
import dev.amends.common.events.SlaClock;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The handling figures of contract section 6 (apology, acknowledged in time, SLA breach, single
 * owner, first attempt, speed, fairness, the optimistic and pessimistic gaps), groupBy=owner
 * crediting each answer to its own attempt's owner, and "behind a figure" (section 11) listing
 * exactly each figure's numerator. Six incidents told as resolution-service would tell them; the
 * expected values are worked out by hand next to each assertion.
 */
@QuarkusTest
class HandlingFiguresTest extends SurveyTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CATEGORY = "handling-" + RUN;
    private static final String X = "owner-x-" + RUN;
    private static final String Y = "owner-y-" + RUN;
    private static final Duration ON_TIME = Duration.ofHours(4);

    // The six incidents are told once, for all the tests of the class.
    private static final Map<String, String> EMAILS = new HashMap<>();
    private static final Map<String, String> IDS = new HashMap<>();
    private static Instant from;
    private static Instant to;

    @BeforeEach
    void tellTheSixIncidentsOnce() {
        if (to != null) {
            return;
        }
        from = Instant.now().minusSeconds(1);
        // F1: acknowledged in time with an apology, one owner, a promise kept; YES as expected, speed 5.
        String f1 = open("F1", ON_TIME);
        acknowledge(f1, X, true);
        promise(f1, "KEPT");
        resolveAndInviteAs(f1, X, "YES");
        answer(f1, 1, "{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": 5, \"comparedToBefore\": \"MORE\", \"speed\": 5}");
        // F2: in time without an apology, handed from X to Y; Y expected YES and heard NO (optimistic);
        // handed back, X expected PARTLY and heard YES (pessimistic).
        String f2 = open("F2", ON_TIME);
        acknowledge(f2, X, false);
        changeOwner(f2, Y, X, 1);
        resolveAndInviteAs(f2, Y, "YES");
        answer(f2, 1, "{\"resolvedSatisfactorily\": \"NO\", \"satisfaction\": 2, \"speed\": 2}");
        reopen(f2, ReopenedBy.CUSTOMER);
        changeOwner(f2, X, Y, 2);
        resolveAndInviteAs(f2, X, "PARTLY");
        answer(f2, 2, "{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": 4, \"comparedToBefore\": \"MORE\", \"speed\": 4}");
        // F3: due at once, acknowledged late with an apology, SLA breached, compensated; X expected NO, heard PARTLY.
        String f3 = open("F3", Duration.ZERO);
        acknowledge(f3, X, true);
        breachSla(f3, SlaClock.ACKNOWLEDGE);
        offerCompensation(f3);
        resolveAndInviteAs(f3, X, "NO");
        answer(f3, 1, "{\"resolvedSatisfactorily\": \"PARTLY\", \"satisfaction\": 3, \"fairCompensation\": 4}");
        // F4: due at once, never acknowledged, SLA breached, not resolved.
        String f4 = open("F4", Duration.ZERO);
        breachSla(f4, SlaClock.ACKNOWLEDGE);
        // F5: not acknowledged yet, not due yet.
        open("F5", ON_TIME);
        // F6: in time with an apology, a promise broken, compensated; Y expected PARTLY, heard NO (optimistic).
        String f6 = open("F6", ON_TIME);
        acknowledge(f6, Y, true);
        promise(f6, "BROKEN");
        offerCompensation(f6);
        resolveAndInviteAs(f6, Y, "PARTLY");
        answer(f6, 1, "{\"resolvedSatisfactorily\": \"NO\", \"satisfaction\": 1, \"fairCompensation\": 2, \"speed\": 3}");
        to = Instant.now().plusSeconds(1);
    }

    @Test
    void everyHandlingFigureMatchesTheHandWorkedValues() {
        Map<String, Object> group = group(report("category"), CATEGORY);
        assertThat(group).contains(entry("incidents", 6), entry("resolved", 4), entry("invited", 4),
                entry("answered", 4));
        assertRate(group, "apologyRate", 3.0 / 4);            // F1, F3, F6 of the four acknowledged
        assertRate(group, "acknowledgedInTimeRate", 3.0 / 5); // F1, F2, F6; due: the four acknowledged and F4
        assertRate(group, "slaBreachRate", 2.0 / 6);          // F3, F4
        assertRate(group, "singleOwnerRate", 3.0 / 4);        // F2 changed owner
        assertRate(group, "firstAttemptRate", 1.0 / 4);       // attempt 1: F1 YES, F2 NO, F3 PARTLY, F6 NO
        assertRate(group, "averageSpeed", 14.0 / 4);          // 5, 2, 4, 3
        assertRate(group, "averageFairCompensation", 3.0);    // 4, 2
        assertRate(group, "optimisticGap", 2.0 / 5);          // F2#1, F6
        assertRate(group, "pessimisticGap", 2.0 / 5);         // F2#2, F3
        assertRate(group, "perceptionGap", 4.0 / 5);          // the two gaps together
        assertRate(group, "csatWhenPromisesKept", 1.0);       // F1 (5)
        assertRate(group, "csatWhenPromiseBroken", 0.0);      // F6 (1)
        assertThat(report("category").getString("medianMethod")).isEqualTo("EXACT");
    }

    @Test
    void theWholeDaysFromTheRollupGiveTheSameFigures() {
        Instant firstDay = from.truncatedTo(ChronoUnit.DAYS);
        Instant afterLastDay = to.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        JsonPath wholeDays = given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", firstDay.toString()).queryParam("to", afterLastDay.toString())
                .queryParam("groupBy", "category").get("/reports/recovery").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(wholeDays.getString("medianMethod")).isEqualTo("HISTOGRAM_2PCT");
        Map<String, Object> fromRollup = new HashMap<>(group(wholeDays, CATEGORY));
        Map<String, Object> fromRows = new HashMap<>(group(report("category"), CATEGORY));
        for (String median : List.of("medianTimeToAcknowledge", "medianTimeToResolve")) {
            assertThat(Duration.parse((String) fromRollup.remove(median)).toMillis()).as(median)
                    .isCloseTo(Duration.parse((String) fromRows.remove(median)).toMillis(), within(
                            Duration.parse((String) group(report("category"), CATEGORY).get(median)).toMillis() / 50 + 1));
        }
        assertThat(fromRollup).isEqualTo(fromRows);
    }

    @Test
    void creditsEachAnswerToTheOwnerOfTheAttemptItAnswers() {
        JsonPath report = report("owner");
        Map<String, Object> x = group(report, X);
        Map<String, Object> y = group(report, Y);
        // Incidents go to the owner at the latest resolution: X has F1, F2 (attempt 2), F3; Y has F6.
        assertThat(x).contains(entry("incidents", 3), entry("resolved", 3));
        assertThat(y).contains(entry("incidents", 1), entry("resolved", 1));
        // Answers go to their attempt's owner: X answered F1, F2#2, F3; Y answered F2#1 and F6.
        assertRate(x, "resolvedSatisfactorilyRate", 2.0 / 3);
        assertRate(x, "pessimisticGap", 2.0 / 3);
        assertRate(x, "optimisticGap", 0.0);
        assertRate(x, "firstAttemptRate", 1.0 / 2);          // F1 YES, F3 PARTLY
        assertRate(y, "resolvedSatisfactorilyRate", 0.0);
        assertRate(y, "optimisticGap", 1.0);
        assertRate(y, "firstAttemptRate", 0.0);              // F2#1 NO, F6 NO
        assertRate(y, "averageSpeed", 5.0 / 2);              // F2#1 2, F6 3
        assertThat(group(report, "unowned")).contains(entry("incidents", 2)); // F4, F5: nobody acknowledged them
    }

    @Test
    void listsExactlyTheIncidentsInEachFiguresNumerator() {
        Map<String, List<String>> numerators = Map.ofEntries(
                entry("responseRate", List.of("F1", "F2", "F3", "F6")),
                entry("resolvedSatisfactorilyRate", List.of("F1#1", "F2#2")),
                entry("csat", List.of("F1#1", "F2#2")),
                entry("recoveryParadoxRate", List.of("F1#1", "F2#2")),
                entry("perceptionGap", List.of("F2#1", "F2#2", "F3#1", "F6#1")),
                entry("causeAgreement", List.of()),
                entry("promiseKeptRate", List.of("F1")),
                entry("csatWhenPromisesKept", List.of("F1#1")),
                entry("csatWhenPromiseBroken", List.of()),
                entry("apologyRate", List.of("F1", "F3", "F6")),
                entry("acknowledgedInTimeRate", List.of("F1", "F2", "F6")),
                entry("slaBreachRate", List.of("F3", "F4")),
                entry("singleOwnerRate", List.of("F1", "F3", "F6")),
                entry("firstAttemptRate", List.of("F1#1")),
                entry("optimisticGap", List.of("F2#1", "F6#1")),
                entry("pessimisticGap", List.of("F2#2", "F3#1")));
        numerators.forEach((figure, expected) -> assertThat(behind("category", CATEGORY, figure))
                .as(figure).containsExactlyElementsOf(expected));
        assertThat(behind("owner", Y, "optimisticGap")).containsExactly("F2#1", "F6#1");
        assertThat(behind("owner", X, "optimisticGap")).isEmpty();
    }

    @Test
    void pagesTheIncidentsBehindAFigure() {
        Response first = behindPage("slaBreachRate", 0, 1);
        first.then().statusCode(200).header("X-Total-Count", "2").header("Link", containsString("rel=\"next\""))
                .body("size()", equalTo(1)).body("[0].incidentId", equalTo(IDS.get("F3")))
                .body("[0].containsKey('attempt')", equalTo(false));
        behindPage("slaBreachRate", 1, 1).then().statusCode(200).body("[0].incidentId", equalTo(IDS.get("F4")))
                .header("Link", containsString("rel=\"prev\""));
    }

    @Test
    void rejectsAFigureThatIsNotARateOrAGroupWithoutKey() {
        String analyst = AmendsTestStack.token("ana", "analyst");
        for (String figure : List.of("optedOut", "incidents", "happiness")) {
            given().auth().oauth2(analyst).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .queryParam("figure", figure).get("/reports/recovery/incidents").then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("figure"));
        }
        given().auth().oauth2(analyst).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("groupBy", "owner").queryParam("figure", "csat").get("/reports/recovery/incidents")
                .then().statusCode(400).body("violations.field", hasItem("key"));
        given().auth().oauth2(analyst).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("figure", "csat").queryParam("size", "501").get("/reports/recovery/incidents")
                .then().statusCode(400).body("violations.field", hasItem("size"));
        given().auth().oauth2(AmendsTestStack.token("ola", "agent")).queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("figure", "csat").get("/reports/recovery/incidents")
                .then().statusCode(403);
    }

    private String open(String name, Duration acknowledgeWithin) {
        Customer customer = Customer.fresh();
        String id = report(customer, CATEGORY, Instant.now(), acknowledgeWithin);
        EMAILS.put(id, customer.email());
        IDS.put(name, id);
        return id;
    }

    private void answer(String id, int attempt, String json) {
        String email = EMAILS.get(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> Mailbox.of(email).size() == attempt);
        given().contentType(ContentType.JSON).body(json)
                .post("/surveys/" + Mailbox.of(email).get(attempt - 1).token() + "/answer").then().statusCode(200);
    }

    private JsonPath report(String groupBy) {
        return given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("groupBy", groupBy).get("/reports/recovery")
                .then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** The fixture's names (F3, or F2#1 for an answer) of the rows behind the figure, in the answer's order. */
    private List<String> behind(String groupBy, String key, String figure) {
        Map<String, String> names = new HashMap<>();
        IDS.forEach((name, id) -> names.put(id, name));
        List<Map<String, Object>> rows = given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("groupBy", groupBy)
                .queryParam("key", key).queryParam("figure", figure).get("/reports/recovery/incidents")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return rows.stream().map(row -> names.get((String) row.get("incidentId"))
                + (row.containsKey("attempt") ? "#" + row.get("attempt") : "")).toList();
    }

    private Response behindPage(String figure, int page, int size) {
        return given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("groupBy", "category").queryParam("key", CATEGORY)
                .queryParam("figure", figure).queryParam("page", page).queryParam("size", size)
                .get("/reports/recovery/incidents");
    }

    private static Map<String, Object> group(JsonPath report, String key) {
        List<Map<String, Object>> groups = report.getList("groups");
        return groups.stream().filter(group -> key.equals(group.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + groups));
    }

    private static void assertRate(Map<String, Object> group, String figure, double expected) {
        assertThat(group.get(figure)).as(figure).isNotNull();
        assertThat(((Number) group.get(figure)).doubleValue()).as(figure).isCloseTo(expected, within(1e-9));
    }
}
