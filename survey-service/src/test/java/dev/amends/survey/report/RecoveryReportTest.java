package dev.amends.survey.report;

import dev.amends.common.events.ReopenedBy;
import dev.amends.local.DevKeys;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.StandInCase;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * GET /reports/recovery against a fixture of 21 incidents in three categories, told on the topics
 * as intake and resolution would tell them, whose figures were computed by hand (see the comments
 * next to each value).
 */
@QuarkusTest
class RecoveryReportTest extends SurveyTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String A = "fixture-a-" + RUN;
    private static final String B = "fixture-b-" + RUN;
    private static final String C = "fixture-c-" + RUN;

    private final Map<String, String> emails = new HashMap<>();

    record Answer(String verdict, Integer satisfaction, String compared, String cause) {
    }

    record Attempt(String expected, String cause, Answer answer) {
    }

    record Spec(String category, boolean email, boolean acknowledge, List<String> promises, boolean compensation,
                List<Attempt> attempts) {
    }

    private static Attempt resolved(String expected, String cause, Answer answer) {
        return new Attempt(expected, cause, answer);
    }

    private static Answer answer(String verdict, Integer satisfaction, String compared, String cause) {
        return new Answer(verdict, satisfaction, compared, cause);
    }

    private static final List<Spec> FIXTURE = List.of(
            /* A1 */ new Spec(A, true, true, List.of("KEPT"), false,
                    List.of(resolved("YES", "SUPPLIER", answer("YES", 5, "MORE", "SUPPLIER")))),
            /* A2 */ new Spec(A, true, true, List.of(), false, List.of(
                    resolved("YES", "COMPANY", answer("NO", 2, "LESS", "COMPANY")),
                    resolved("YES", "COMPANY", answer("YES", 4, "SAME", null)))),
            /* A3 */ new Spec(A, true, true, List.of("BROKEN"), false,
                    List.of(resolved("PARTLY", "CUSTOMER", answer("PARTLY", 3, "SAME", "ME")))),
            /* A4 */ new Spec(A, true, true, List.of(), true,
                    List.of(resolved("YES", "UNKNOWN", answer("YES", 4, "MORE", "DONT_KNOW")))),
            /* A5 */ new Spec(A, true, true, List.of(), false,
                    List.of(resolved("NO", "PRODUCT", answer("NO", 1, "LESS", "ME")))),
            /* A6 */ new Spec(A, true, true, List.of(), false, List.of(resolved("YES", "SUPPLIER", null))),
            /* A7 */ new Spec(A, false, true, List.of(), false, List.of(resolved("YES", "SUPPLIER", null))),
            /* A8 */ new Spec(A, true, true, List.of(), false, List.of()),
            /* A9 */ new Spec(A, true, false, List.of(), false, List.of()),
            /* A10 */ new Spec(A, true, true, List.of("KEPT", "OPEN"), false,
                    List.of(resolved("YES", "COMPANY", answer("YES", null, null, null)))),
            /* A11 */ new Spec(A, true, true, List.of("BROKEN", "KEPT"), false,
                    List.of(resolved("YES", "PRODUCT", answer("YES", 5, null, "PRODUCT")))),
            /* A12 */ new Spec(A, true, true, List.of(), false,
                    List.of(resolved("PARTLY", "SUPPLIER", answer("YES", 4, "MORE", "COMPANY")))),
            /* B1 */ new Spec(B, true, true, List.of(), false,
                    List.of(resolved("YES", "COMPANY", answer("YES", 5, "MORE", "COMPANY")))),
            /* B2 */ new Spec(B, true, true, List.of(), false,
                    List.of(resolved("YES", "COMPANY", answer("PARTLY", 3, "SAME", null)))),
            /* B3 */ new Spec(B, true, true, List.of(), false, List.of(resolved("YES", "SUPPLIER", null))),
            /* B4 */ new Spec(B, false, true, List.of(), false, List.of(resolved("YES", "SUPPLIER", null))),
            /* B5 */ new Spec(B, true, false, List.of(), false, List.of()),
            /* B6 */ new Spec(B, true, true, List.of("KEPT"), false,
                    List.of(resolved("NO", "CUSTOMER", answer("NO", 2, "LESS", "ME")))),
            /* C1 */ new Spec(C, false, true, List.of(), false, List.of(resolved("YES", "COMPANY", null))),
            /* C2 */ new Spec(C, false, true, List.of(), false, List.of()),
            /* C3 */ new Spec(C, false, false, List.of(), false, List.of()));

    @Test
    void everyFigureMatchesTheHandComputedFixture() {
        Instant from = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (Spec spec : FIXTURE) {
            ids.add(open(spec));
        }
        for (int i = 0; i < FIXTURE.size(); i++) {
            live(ids.get(i), FIXTURE.get(i));
        }
        Instant to = Instant.now().plusSeconds(1);

        JsonPath report = given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("groupBy", "category")
                .get("/reports/recovery").then().statusCode(200).body("groupBy", equalTo("category"))
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));

        Map<String, Object> a = group(report, A);
        assertCounts(a, 12, 10, 9, 8);                 // A1-A7, A10-A12 resolved; A7 has no email; A6 unanswered
        assertRate(a, "responseRate", 8.0 / 9);
        assertRate(a, "resolvedSatisfactorilyRate", 6.0 / 9);  // 9 answers (A2 twice): YES from A1, A2#2, A4, A10-A12
        assertRate(a, "csat", 5.0 / 8);                 // A10 gave no satisfaction; 4-5 from A1, A2#2, A4, A11, A12
        assertRate(a, "recoveryParadoxRate", 3.0 / 7);  // MORE from A1, A4, A12 of 7 with an answer
        assertRate(a, "perceptionGap", 2.0 / 9);        // A2#1 (NO vs YES), A12 (YES vs PARTLY)
        assertRate(a, "causeAgreement", 5.0 / 7);       // ME=CUSTOMER and DONT_KNOW=UNKNOWN agree; A5, A12 differ
        assertThat(((Number) a.get("promisesMade")).intValue()).isEqualTo(6);
        assertRate(a, "promiseKeptRate", 3.0 / 5);      // kept A1, A10, A11; broken A3, A11; A10's open one not counted
        assertRate(a, "csatWhenPromisesKept", 1.0);     // A1 (5); A10 gave no satisfaction
        assertRate(a, "csatWhenPromiseBroken", 0.5);    // A3 (3), A11 (5)

        Map<String, Object> b = group(report, B);
        assertCounts(b, 6, 5, 4, 3);
        assertRate(b, "responseRate", 3.0 / 4);
        assertRate(b, "resolvedSatisfactorilyRate", 1.0 / 3);
        assertRate(b, "csat", 1.0 / 3);
        assertRate(b, "recoveryParadoxRate", 1.0 / 3);
        assertRate(b, "perceptionGap", 1.0 / 3);        // B2 (PARTLY vs YES)
        assertRate(b, "causeAgreement", 1.0);           // B1 COMPANY, B6 ME=CUSTOMER; B2 gave no cause
        assertThat(((Number) b.get("promisesMade")).intValue()).isEqualTo(1);
        assertRate(b, "promiseKeptRate", 1.0);
        assertRate(b, "csatWhenPromisesKept", 0.0);     // B6 (2)
        assertThat(b.get("csatWhenPromiseBroken")).isNull();

        Map<String, Object> c = group(report, C);
        assertCounts(c, 3, 1, 0, 0);
        for (String rate : List.of("responseRate", "resolvedSatisfactorilyRate", "csat", "recoveryParadoxRate",
                "perceptionGap", "causeAgreement", "promiseKeptRate", "csatWhenPromisesKept", "csatWhenPromiseBroken")) {
            assertThat(c.get(rate)).as(rate).isNull();
        }
        assertThat(((Number) c.get("promisesMade")).intValue()).isZero();

        assertMedians(a, ids.subList(0, 12));
        assertMedians(b, ids.subList(12, 18));
        assertMedians(c, ids.subList(18, 21));
    }

    @Test
    void rejectsABadWindowOrGrouping() {
        String analyst = AmendsTestStack.token("ana", "analyst");
        given().auth().oauth2(analyst).get("/reports/recovery").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("from"))
                .body("violations.field", hasItem("to"));
        given().auth().oauth2(analyst).queryParam("from", "2026-11-20T00:00:00Z").queryParam("to", "2026-11-19T00:00:00Z")
                .get("/reports/recovery").then().statusCode(400).body("violations.field", hasItem("to"));
        given().auth().oauth2(analyst).queryParam("from", "yesterday").queryParam("to", "2026-11-19T00:00:00Z")
                .get("/reports/recovery").then().statusCode(400).body("violations.field", hasItem("from"));
        given().auth().oauth2(analyst).queryParam("from", "2026-11-18T00:00:00Z").queryParam("to", "2026-11-19T00:00:00Z")
                .queryParam("groupBy", "customer").get("/reports/recovery").then().statusCode(400)
                .body("violations.field", hasItem("groupBy"));
        given().auth().oauth2(analyst).queryParam("from", "2026-11-18T00:00:00Z").queryParam("to", "2026-11-19T00:00:00Z")
                .get("/reports/recovery").then().statusCode(200).body("groupBy", equalTo(null));
    }

    @Test
    void onlyAnalystsReadTheReport() {
        given().queryParam("from", "2026-11-18T00:00:00Z").queryParam("to", "2026-11-19T00:00:00Z")
                .get("/reports/recovery").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        for (String role : List.of("agent", "reporter", "contact-reader")) {
            given().auth().oauth2(AmendsTestStack.token("someone", role))
                    .queryParam("from", "2026-11-18T00:00:00Z").queryParam("to", "2026-11-19T00:00:00Z")
                    .get("/reports/recovery").then().statusCode(403);
        }
        given().auth().oauth2(DevKeys.forgedToken("ana", "analyst"))
                .queryParam("from", "2026-11-18T00:00:00Z").queryParam("to", "2026-11-19T00:00:00Z")
                .get("/reports/recovery").then().statusCode(401);
    }

    /** Reports the incident and does everything before its resolutions: acknowledgement, promises, compensation. */
    private String open(Spec spec) {
        Customer customer = Customer.fresh();
        String id = report(customer, "en", spec.email(), spec.category());
        emails.put(id, customer.email());
        if (spec.acknowledge()) {
            acknowledge(id);
        }
        for (String promise : spec.promises()) {
            promise(id, promise);
        }
        if (spec.compensation()) {
            offerCompensation(id);
        }
        return id;
    }

    /** Each resolution, its invitation sent, and the customer's answer when there is one. */
    private void live(String id, Spec spec) {
        for (int i = 0; i < spec.attempts().size(); i++) {
            Attempt attempt = spec.attempts().get(i);
            int number = i + 1;
            if (number > 1) {
                reopen(id, ReopenedBy.CUSTOMER); // resolution-service's answer to the previous NO
            }
            resolveAndInvite(id, attempt.expected(), attempt.cause());
            if (attempt.answer() != null) {
                String token = lastToken(id, number);
                given().contentType(ContentType.JSON).body(json(attempt.answer()))
                        .post("/surveys/" + token + "/answer").then().statusCode(200);
            }
        }
    }

    private String lastToken(String id, int attempt) {
        String email = emails.get(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> Mailbox.of(email).size() == attempt);
        return Mailbox.of(email).get(attempt - 1).token();
    }

    private static String json(Answer answer) {
        StringBuilder json = new StringBuilder("{\"resolvedSatisfactorily\": \"" + answer.verdict() + "\"");
        if (answer.satisfaction() != null) {
            json.append(", \"satisfaction\": ").append(answer.satisfaction());
        }
        if (answer.compared() != null) {
            json.append(", \"comparedToBefore\": \"").append(answer.compared()).append('"');
        }
        if (answer.cause() != null) {
            json.append(", \"cause\": \"").append(answer.cause()).append('"');
        }
        return json.append('}').toString();
    }

    private static Map<String, Object> group(JsonPath report, String key) {
        List<Map<String, Object>> groups = report.getList("groups");
        return groups.stream().filter(group -> key.equals(group.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + groups));
    }

    private static void assertCounts(Map<String, Object> group, int incidents, int resolved, int invited, int answered) {
        assertThat(Arrays.asList(group.get("incidents"), group.get("resolved"), group.get("invited"), group.get("answered")))
                .as("incidents, resolved, invited, answered").containsExactly(incidents, resolved, invited, answered);
    }

    private static void assertRate(Map<String, Object> group, String figure, double expected) {
        assertThat(group.get(figure)).as(figure).isNotNull();
        assertThat(((Number) group.get(figure)).doubleValue()).as(figure).isCloseTo(expected, within(1e-9));
    }

    /** The medians from the incidents' own timestamps: the middle value, or the mean of the two middle ones. */
    private void assertMedians(Map<String, Object> group, List<String> ids) {
        List<Long> acknowledge = new ArrayList<>();
        List<Long> resolve = new ArrayList<>();
        for (String id : ids) {
            StandInCase incident = incident(id);
            if (incident.acknowledgedAt() != null) {
                acknowledge.add(Duration.between(incident.reportedAt(), incident.acknowledgedAt()).toMillis());
            }
            if (incident.firstResolvedAt() != null) {
                resolve.add(Duration.between(incident.reportedAt(), incident.firstResolvedAt()).toMillis());
            }
        }
        assertMedian(group.get("medianTimeToAcknowledge"), acknowledge);
        assertMedian(group.get("medianTimeToResolve"), resolve);
    }

    private static void assertMedian(Object reported, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        double expected = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        assertThat(reported).isNotNull();
        assertThat((double) Duration.parse((String) reported).toMillis()).isCloseTo(expected, within(1.0));
    }
}
