package dev.amends.systemtests;

import dev.amends.local.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A disruption's whole story on the packaged services (contract section 8): 1,000 affected
 * customers, 300 of whom complain (half before their list arrives, half after), five complaints
 * from customers not on the list, outreach with a 10% holdout, later complaints of some reached and
 * some held-out customers, bulk acknowledge with an apology, bulk compensation, bulk resolve, the
 * survey mails at a real SMTP server answered on the survey page by some of each group, lapses of
 * some of the reached and the held out; then every figure of the disruption report against what
 * this test counted itself.
 */
class DisruptionStoryIT {

    private static final int AFFECTED = 1000;
    private static final int COMPLAINING = 300;
    private static final int NOT_LISTED = 5;
    private static final int REACHED_WHO_COMPLAIN = 10;
    private static final int HELD_OUT_WHO_COMPLAIN = 5;
    private static final int ANSWERING = 30;
    private static final int REACHED_WHO_LAPSE = 8;
    private static final int HELD_OUT_WHO_LAPSE = 4;
    private static final Duration EVENTUALLY = Duration.ofMinutes(3);

    private static SmtpInbox smtp;
    private static LocalStack stack;

    private final String source = "story-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startTheStack() throws Exception {
        SystemStack shared = SystemStack.get();
        smtp = shared.smtp;
        stack = shared.stack;
    }

    @Test
    void theDisruptionReportCountsWhatHappenedToEveryCustomer() throws Exception {
        List<String> listed = IntStream.range(0, AFFECTED).mapToObj(i -> "S-%04d".formatted(i)).toList();
        String disruption = intake(stack.token("reporter")).body("""
                        {"source": "%s", "category": "delivery", "severity": "HIGH", "summary": "Batch 17 delayed",
                         "startedAt": "%s"}""".formatted(source, Instant.now().minus(Duration.ofHours(1))))
                .post("/disruptions").then().statusCode(201).extract().path("id");

        // Half the complainers before their list arrives (linked when it does), half after.
        for (String customer : listed.subList(0, COMPLAINING / 2)) {
            complain(customer, null);
        }
        String list = listed.stream().map(customer -> "{\"customer\": {\"id\": \"%s\", \"email\": \"%s\", \"locale\": \"en\"}}"
                .formatted(customer, email(customer))).collect(Collectors.joining("\n"));
        intake(stack.token("reporter")).contentType("application/x-ndjson").body(list.getBytes(StandardCharsets.UTF_8))
                .post("/disruptions/" + disruption + "/affected").then().statusCode(200).body("added", equalTo(AFFECTED));
        for (String customer : listed.subList(COMPLAINING / 2, COMPLAINING)) {
            complain(customer, null);
        }
        for (int i = 0; i < NOT_LISTED; i++) {
            complain("N-" + i, disruption);
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> intake(stack.token("agent")).get("/disruptions/" + disruption)
                .then().body("complained", equalTo(COMPLAINING + NOT_LISTED)));

        String run = intake(stack.token("agent")).body("{\"holdout\": 0.1}").post("/disruptions/" + disruption + "/outreach")
                .then().statusCode(202).body("toOpen", equalTo(AFFECTED - COMPLAINING)).extract().header("Location");
        await().atMost(EVENTUALLY).untilAsserted(() -> intake(stack.token("agent")).get(run).then().body("state", equalTo("DONE")));
        Set<String> reached = outreachCustomers(disruption);
        Set<String> heldOut = new TreeSet<>(listed.subList(COMPLAINING, AFFECTED));
        heldOut.removeAll(reached);
        intake(stack.token("agent")).get(run).then().body("opened", equalTo(reached.size()))
                .body("heldOut", equalTo(heldOut.size()));
        assertThat(heldOut.size()).as("a 10%% holdout of 700").isBetween(35, 105);

        List<String> reachedWhoComplain = reached.stream().limit(REACHED_WHO_COMPLAIN).toList();
        List<String> heldOutWhoComplain = heldOut.stream().limit(HELD_OUT_WHO_COMPLAIN).toList();
        reachedWhoComplain.forEach(customer -> complain(customer, null));
        heldOutWhoComplain.forEach(customer -> complain(customer, null));
        int cases = COMPLAINING + NOT_LISTED + reached.size() + REACHED_WHO_COMPLAIN + HELD_OUT_WHO_COMPLAIN;
        await().atMost(EVENTUALLY).untilAsserted(() -> resolution().queryParam("disruptionId", disruption).get("/cases")
                .then().header("X-Total-Count", String.valueOf(cases)));

        Stories.bulk(stack, disruption, "\"action\": \"ACKNOWLEDGE\", \"apology\": true, "
                + "\"message\": \"We are sorry for the delay.\"", cases);
        Stories.bulk(stack, disruption, "\"action\": \"OFFER_COMPENSATION\", \"kind\": \"REFUND\", \"amount\": 150.00, "
                + "\"currency\": \"NOK\", \"description\": \"For the delay\"", cases);
        Stories.bulk(stack, disruption, "\"action\": \"RESOLVE\", \"outcome\": \"FIXED\", \"summary\": \"Parcels delivered\", "
                + "\"cause\": \"SUPPLIER\", \"expectedVerdict\": \"YES\"", cases);

        // One mail per customer: a reached customer who complained too is invited once (the P30D throttle).
        int mailed = COMPLAINING + NOT_LISTED + reached.size() + HELD_OUT_WHO_COMPLAIN;
        Map<String, String> tokens = smtp.awaitFirstTokens(source, mailed, EVENTUALLY);
        assertThat(tokens).hasSize(mailed);
        List<String> complainersAnswering = listed.subList(0, ANSWERING);
        List<String> reachedAnswering = reached.stream().skip(REACHED_WHO_COMPLAIN).limit(ANSWERING).toList();
        int complainersYes = 0;
        for (int i = 0; i < ANSWERING; i++) {
            String verdict = List.of("YES", "PARTLY", "NO").get(i % 3);
            complainersYes += verdict.equals("YES") ? 1 : 0;
            answerOnThePage(tokens.get(email(complainersAnswering.get(i))), verdict, verdict.equals("YES") ? 5 : 2);
        }
        int reachedYes = 0;
        for (int i = 0; i < ANSWERING; i++) {
            String verdict = i % 2 == 0 ? "YES" : "NO";
            reachedYes += verdict.equals("YES") ? 1 : 0;
            answerOnThePage(tokens.get(email(reachedAnswering.get(i))), verdict, verdict.equals("YES") ? 4 : 1);
        }

        // Some of each group lapse afterwards, as the order system tells intake; one reached customer lapsed before.
        List<String> reachedWhoLapse = reached.stream().skip(REACHED_WHO_COMPLAIN + ANSWERING).limit(REACHED_WHO_LAPSE).toList();
        List<String> heldOutWhoLapse = heldOut.stream().skip(HELD_OUT_WHO_COMPLAIN).limit(HELD_OUT_WHO_LAPSE).toList();
        Instant lapsedAt = Instant.now();
        reachedWhoLapse.forEach(customer -> lapse(customer, lapsedAt));
        heldOutWhoLapse.forEach(customer -> lapse(customer, lapsedAt));
        lapse(reached.stream().skip(REACHED_WHO_COMPLAIN + ANSWERING + REACHED_WHO_LAPSE).findFirst().orElseThrow(),
                lapsedAt.minus(Duration.ofDays(2)));

        int reachedIncidents = reached.size() + REACHED_WHO_COMPLAIN;
        int expectedComplainersYes = complainersYes;
        int expectedReachedYes = reachedYes;
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonPath report = given().baseUri(stack.url("survey-service")).auth().oauth2(stack.token("analyst"))
                    .get("/reports/disruptions/" + disruption).then().statusCode(200).extract().jsonPath();
            assertThat(report.getInt("affected")).isEqualTo(AFFECTED);
            assertThat(report.getInt("complainedFirst")).isEqualTo(COMPLAINING);
            assertThat(report.getDouble("silentShare")).isCloseTo(1 - (double) COMPLAINING / AFFECTED, within(1e-6));
            assertThat(report.getInt("reachedByOutreach")).isEqualTo(reached.size());
            assertThat(report.getInt("heldOut")).isEqualTo(heldOut.size());
            assertThat(report.getInt("complainedAfterOutreach")).isEqualTo(REACHED_WHO_COMPLAIN);
            assertThat(report.getInt("complainedNotListed")).isEqualTo(NOT_LISTED);
            assertGroup(report, 0, "complainedFirst", COMPLAINING, COMPLAINING, expectedComplainersYes);
            assertGroup(report, 1, "reachedByOutreach", reachedIncidents, reached.size(), expectedReachedYes);
            assertThat(report.getInt("outreachComparison.reachedByOutreach.customers")).isEqualTo(reached.size());
            assertThat(report.getInt("outreachComparison.reachedByOutreach.complainedLater")).isEqualTo(REACHED_WHO_COMPLAIN);
            assertThat(report.getInt("outreachComparison.heldOut.customers")).isEqualTo(heldOut.size());
            assertThat(report.getInt("outreachComparison.heldOut.complainedLater")).isEqualTo(HELD_OUT_WHO_COMPLAIN);
            assertThat(report.getDouble("outreachComparison.heldOut.complainedLaterRate"))
                    .isCloseTo((double) HELD_OUT_WHO_COMPLAIN / heldOut.size(), within(1e-6));
            assertThat(report.getInt("outreachComparison.reachedByOutreach.lapsed")).isEqualTo(REACHED_WHO_LAPSE);
            assertThat(report.getInt("outreachComparison.heldOut.lapsed")).isEqualTo(HELD_OUT_WHO_LAPSE);
            assertThat(report.getDouble("outreachComparison.heldOut.lapsedRate"))
                    .isCloseTo((double) HELD_OUT_WHO_LAPSE / heldOut.size(), within(1e-6));
        });
        System.out.printf("Disruption story: %d affected, %d complained first, %d reached, %d held out, %d mails, %d answers.%n",
                AFFECTED, COMPLAINING, reached.size(), heldOut.size(), mailed, 2 * ANSWERING);
    }

    /** Every case resolved and invited (the throttle aside); the answers this test gave on the page. */
    private static void assertGroup(JsonPath report, int index, String key, int incidents, int invited, int yes) {
        String group = "groups[" + index + "].";
        assertThat(report.getString(group + "key")).isEqualTo(key);
        assertThat(report.getInt(group + "incidents")).isEqualTo(incidents);
        assertThat(report.getInt(group + "resolved")).isEqualTo(incidents);
        assertThat(report.getInt(group + "invited")).isEqualTo(invited);
        assertThat(report.getInt(group + "answered")).isEqualTo(ANSWERING);
        assertThat(report.getDouble(group + "responseRate")).isCloseTo((double) ANSWERING / invited, within(1e-6));
        assertThat(report.getDouble(group + "resolvedSatisfactorilyRate")).isCloseTo((double) yes / ANSWERING, within(1e-6));
        assertThat(report.getDouble(group + "csat")).isCloseTo((double) yes / ANSWERING, within(1e-6));
        assertThat(report.getInt(group + "promisesMade")).isZero();
    }

    private void complain(String customer, String disruption) {
        intake(stack.token("reporter")).body("""
                        {"source": "%s", "channel": "EMAIL", "category": "delivery", "summary": "Where is my parcel?",
                         %s"customer": {"id": "%s", "email": "%s", "locale": "en"}}""".formatted(source,
                        disruption == null ? "" : "\"disruptionId\": \"" + disruption + "\", ", customer, email(customer)))
                .post("/incidents").then().statusCode(201);
    }

    private void lapse(String customer, Instant lapsedAt) {
        intake(stack.token("reporter")).body("{\"source\": \"%s\", \"customerId\": \"%s\", \"lapsedAt\": \"%s\"}"
                .formatted(source, customer, lapsedAt)).post("/lapses").then().statusCode(201);
    }

    /** The customers outreach opened an incident for, from intake's incident list. */
    private static Set<String> outreachCustomers(String disruption) {
        Set<String> customers = new TreeSet<>();
        for (int page = 0; ; page++) {
            List<String> ids = intake(stack.token("agent")).queryParam("origin", "OUTREACH").queryParam("disruptionId", disruption)
                    .queryParam("size", 500).queryParam("page", page).get("/incidents").then().statusCode(200)
                    .extract().jsonPath().getList("customer.id");
            customers.addAll(ids);
            if (ids.size() < 500) {
                return customers;
            }
        }
    }

    /** Opens the mailed link with the verdict chosen (a GET records nothing), then presses the page's button. */
    private static void answerOnThePage(String token, String verdict, int satisfaction) {
        assertThat(token).isNotNull();
        String page = survey().queryParam("resolvedSatisfactorily", verdict).get("/s/" + token).then().statusCode(200)
                .extract().asString();
        assertThat(page).containsPattern("value=\"" + verdict + "\"( required)? checked");
        survey().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", verdict)
                .formParam("satisfaction", String.valueOf(satisfaction)).post("/s/" + token).then().statusCode(200);
    }

    private String email(String customer) {
        return source + "-" + customer.toLowerCase() + "@example.no";
    }

    private static RequestSpecification intake(String token) {
        return given().baseUri(stack.url("intake-service")).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification resolution() {
        return given().baseUri(stack.url("resolution-service")).auth().oauth2(stack.token("agent")).contentType(ContentType.JSON);
    }

    private static RequestSpecification survey() {
        return given().baseUri(stack.url("survey-service"));
    }
}
