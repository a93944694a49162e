package dev.amends.survey.report;

import dev.amends.common.events.Channel;
import dev.amends.common.events.CustomerReturned;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.events.ValueTier;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;

/**
 * GET /reports/retention (contract section 9) over customers the test resolved to known verdicts
 * and lapsed at known times: customers counted once at their latest incident, observed only once
 * the resolution is P180D old, lapsed only within P180D after it, Wilson intervals, interview
 * reasons and win-back rates; as JSON and as CSV.
 */
@QuarkusTest
class RetentionReportTest extends SurveyTest {

    private static final Duration WITHIN = Duration.ofDays(30);

    @Test
    void countsEachCustomerOnceAndComparesTheLapseRatesOfTheirVerdicts() {
        String category = "retention-" + UUID.randomUUID();
        Instant start = Instant.now();
        List<Customer> yes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            yes.add(answered(category, "YES", "MORE"));
        }
        List<Customer> no = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            no.add(answered(category, "NO", "LESS"));
        }
        List<Customer> notAnswered = List.of(resolvedUnanswered(category), resolvedUnanswered(category));
        // Answered NO on a first incident; a second one (throttled, never invited) is the one counted.
        Customer twice = answered(category, "NO", "LESS");
        resolvedUnanswered(category, twice);
        Instant resolved = Instant.now();

        for (Customer customer : List.of(yes.get(0), yes.get(1), yes.get(2), no.get(1), no.get(2), no.get(3), twice)) {
            lapse(customer, resolved.plus(WITHIN), ValueTier.NORMAL);
        }
        lapse(yes.get(3), resolved.plus(Duration.ofDays(190)), ValueTier.NORMAL);
        lapse(yes.get(4), start.minus(Duration.ofDays(1)), ValueTier.NORMAL);
        Instant highLapse = resolved.plus(WITHIN);
        lapse(no.get(0), highLapse, ValueTier.HIGH);
        winBackCase(no.get(0), highLapse.plus(Duration.ofHours(1)));
        publish(Topics.INCIDENTS, no.get(0).ref(), 2, new CustomerReturned(no.get(0).ref(), highLapse.plus(Duration.ofDays(60))));
        runAt(Instant.now().plus(Duration.ofHours(2)));
        answerInterview(yes.get(0), "PRICE", 2);
        answerInterview(no.get(1), "INCIDENT_HANDLING", 5);
        answerInterview(no.get(2), "MOVED", 4);
        Map<String, Object> beforeAStranger = retention(category, resolved.plus(Duration.ofDays(200))).getMap("groups[0]");
        lapse(Customer.fresh(), resolved, ValueTier.NORMAL);

        JsonPath report = retention(category, resolved.plus(Duration.ofDays(200)));

        assertThat(report.getMap("groups[0]")).as("a lapse of a customer without incidents changes no figure")
                .isEqualTo(beforeAStranger);
        assertThat(report.getString("observationPeriod")).isEqualTo("P180D");
        assertThat(report.getInt("groups[0].customers")).isEqualTo(18);
        assertCell(report, "byVerdict", "YES", 10, 10, 3);
        assertCell(report, "byVerdict", "NO", 5, 5, 4);
        assertCell(report, "byVerdict", "NOT_ANSWERED", 3, 3, 1);
        assertCell(report, "byVerdict", "PARTLY", 0, 0, 0);
        assertCell(report, "byComparedToBefore", "MORE", 10, 10, 3);
        assertCell(report, "byComparedToBefore", "LESS", 5, 5, 4);
        assertCell(report, "byComparedToBefore", "NOT_ANSWERED", 3, 3, 1);
        // Wilson, z = 1.959964: 3 of 10 gives (0.3 + z²/20 ∓ z·√(0.021 + z²/400)) / (1 + z²/10) = 0.1078 .. 0.6032;
        // 4 of 5 gives (0.8 + z²/10 ∓ z·√(0.032 + z²/100)) / (1 + z²/5) = 0.3755 .. 0.9638.
        assertInterval(report, "byVerdict", "YES", 0.3, 0.1078, 0.6032);
        assertInterval(report, "byVerdict", "NO", 0.8, 0.3755, 0.9638);
        assertThat(cell(report, "byVerdict", "PARTLY").get("lapseRate")).isNull();
        assertThat(report.getInt("groups[0].interviews.interviewed")).isEqualTo(7);
        assertThat(report.getInt("groups[0].interviews.answered")).isEqualTo(3);
        assertThat(report.getDouble("groups[0].interviews.reasons.PRICE")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(report.getDouble("groups[0].interviews.reasons.MOVED")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(report.getDouble("groups[0].interviews.reasons.OTHER")).isZero();
        assertThat(report.getDouble("groups[0].interviews.incidentHandlingShare")).isCloseTo(2 / 3.0, within(1e-6));
        assertThat(report.getInt("groups[0].winBack.winBackCases")).isEqualTo(1);
        assertThat(report.getInt("groups[0].winBack.wonBack")).isEqualTo(1);
        assertThat(report.getDouble("groups[0].winBack.winBackRate")).isEqualTo(1.0);

        JsonPath tooSoon = retention(category, resolved.plus(Duration.ofDays(100)));
        assertCell(tooSoon, "byVerdict", "YES", 10, 0, 0);
        assertThat(cell(tooSoon, "byVerdict", "YES").get("lapseRate")).as("nobody observed yet").isNull();
    }

    @Test
    void answersCsvWithTheSameNamesFlattenedAndFormulasDefused() {
        String category = "=HYPERLINK(\"x\")-" + UUID.randomUUID();
        answered(category, "YES", "SAME");
        clock.setTo(Instant.now().plus(Duration.ofDays(200)));

        String csv = given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).accept("text/csv")
                .queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofHours(1)).toString()).queryParam("groupBy", "category")
                .get("/reports/retention").then().statusCode(200).contentType("text/csv").extract().asString();

        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).startsWith("key", "customers", "byVerdict.YES.customers", "byVerdict.YES.observed")
                .contains("byVerdict.YES.lapseRate", "byComparedToBefore.SAME.lapseRateHigh", "interviews.reasons.PRICE",
                        "interviews.incidentHandlingShare", "winBack.winBackRate");
        String row = lines.stream().filter(line -> line.contains(category.substring(category.length() - 36))).findFirst()
                .orElseThrow();
        assertThat(row).startsWith("\"'=HYPERLINK(\"\"x\"\")-");
    }

    @Test
    void refusesBadParametersAndOtherRoles() {
        String analyst = AmendsTestStack.token("ana", "analyst");
        given().auth().oauth2(analyst).get("/reports/retention").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("from"));
        given().auth().oauth2(analyst).queryParam("from", "2026-12-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/reports/retention").then().statusCode(400).body("violations.field", hasItem("to"));
        given().auth().oauth2(analyst).queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .queryParam("groupBy", "verdict").get("/reports/retention").then().statusCode(400)
                .body("violations.field", hasItem("groupBy"));
        given().auth().oauth2(AmendsTestStack.token("ola", "agent")).queryParam("from", "2026-11-01T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z").get("/reports/retention").then().statusCode(403);
        given().get("/reports/retention").then().statusCode(401);
    }

    /** A fresh customer whose incident was resolved and whose survey they answered so. */
    private Customer answered(String category, String verdict, String comparedToBefore) {
        Customer customer = Customer.fresh();
        String id = report(customer, "en", true, category);
        resolveAndInvite(id, "YES", "SUPPLIER");
        String token = Mailbox.of(customer.email()).get(0).token();
        given().contentType(ContentType.JSON).body(Map.of("resolvedSatisfactorily", verdict, "comparedToBefore", comparedToBefore))
                .post("/surveys/" + token + "/answer").then().statusCode(200);
        return customer;
    }

    private Customer resolvedUnanswered(String category) {
        return resolvedUnanswered(category, Customer.fresh());
    }

    private Customer resolvedUnanswered(String category, Customer customer) {
        resolveAndInvite(report(customer, "en", true, category), "YES", "SUPPLIER");
        return customer;
    }

    /** The win-back incident intake would report for the lapsed customer. */
    private void winBackCase(Customer customer, Instant reportedAt) {
        UUID id = UUID.randomUUID();
        publish(Topics.INCIDENTS, id.toString(), 1, new IncidentReported(id, "webshop", null, Channel.OTHER, "delivery",
                Severity.HIGH, false, reportedAt, reportedAt, customer.ref(), "en", Origin.WIN_BACK, null));
    }

    private void answerInterview(Customer customer, String reason, int weight) {
        List<Mailbox.Mail> mails = Mailbox.of(customer.email());
        String token = mails.get(mails.size() - 1).token();
        given().contentType(ContentType.JSON).body(Map.of("reason", reason, "incidentWeight", weight, "mayContact", false))
                .post("/interviews/" + token + "/answer").then().statusCode(200);
    }

    /** The category's group of the report (valid against its schema) over the last hours and the next, read at {@code now}. */
    private JsonPath retention(String category, Instant now) {
        clock.setTo(now);
        String body = given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", Instant.now().minus(Duration.ofHours(3)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofHours(1)).toString()).queryParam("groupBy", "category")
                .get("/reports/retention").then().statusCode(200).extract().asString();
        assertThat(RequestSchema.load("schemas/responses/retention-report.json").violations(body)).isEmpty();
        JsonPath report = JsonPath.from(body);
        List<Map<String, Object>> groups = report.getList("groups");
        Map<String, Object> group = groups.stream().filter(g -> category.equals(g.get("key"))).findFirst().orElseThrow();
        return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                Map.of("observationPeriod", report.getString("observationPeriod"), "groups", List.of(group))).toString());
    }

    private static Map<String, Object> cell(JsonPath report, String part, String value) {
        String name = part.equals("byVerdict") ? "verdict" : "comparedToBefore";
        List<Map<String, Object>> cells = report.getList("groups[0]." + part);
        return cells.stream().filter(cell -> value.equals(cell.get(name))).findFirst().orElseThrow();
    }

    private static void assertCell(JsonPath report, String part, String value, int customers, int observed, int lapsed) {
        assertThat(cell(report, part, value)).as(part + " " + value).containsEntry("customers", customers)
                .containsEntry("observed", observed).containsEntry("lapsed", lapsed);
    }

    private static void assertInterval(JsonPath report, String part, String value, double rate, double low, double high) {
        Map<String, Object> cell = cell(report, part, value);
        assertThat(((Number) cell.get("lapseRate")).doubleValue()).isCloseTo(rate, within(1e-4));
        assertThat(((Number) cell.get("lapseRateLow")).doubleValue()).isCloseTo(low, within(1e-4));
        assertThat(((Number) cell.get("lapseRateHigh")).doubleValue()).isCloseTo(high, within(1e-4));
    }
}
