package dev.amends.survey.report;

import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * GET /reports/recovery/series (contract section 11): UTC days, weeks from Monday and calendar
 * months, every point listed, each point's groups the same as the report over the part of the
 * window the point covers; CSV per point and group; windows and intervals it refuses.
 */
@QuarkusTest
class RecoverySeriesTest extends SurveyTest {

    private static final String CATEGORY = "series-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant FROM = Instant.parse("2021-03-02T00:00:00Z");  // a Tuesday
    private static final Instant TO = Instant.parse("2021-04-03T00:00:00Z");

    @Test
    void givesEveryPointAndTheReportsFiguresForEach() {
        tell("2021-03-01T10:00:00Z"); // the Monday before the window: outside it, though in its first week
        String acknowledged = tell("2021-03-03T10:00:00Z");
        acknowledge(acknowledged);
        tell("2021-03-08T00:00:00Z");
        tell("2021-03-14T23:59:59.999Z");
        tell("2021-04-02T12:00:00Z");

        JsonPath weeks = series("week");
        assertThat(weeks.getList("points.start")).containsExactly("2021-03-01T00:00:00.000Z", "2021-03-08T00:00:00.000Z",
                "2021-03-15T00:00:00.000Z", "2021-03-22T00:00:00.000Z", "2021-03-29T00:00:00.000Z");
        assertThat(incidentsPerPoint(weeks)).containsExactly(1, 2, 0, 0, 1);
        assertThat(weeks.getString("interval")).isEqualTo("week");
        assertThat(weeks.getString("medianMethod")).as("whole days from the rollup").isEqualTo("HISTOGRAM_2PCT");

        JsonPath months = series("month");
        assertThat(months.getList("points.start")).containsExactly("2021-03-01T00:00:00.000Z", "2021-04-01T00:00:00.000Z");
        assertThat(incidentsPerPoint(months)).containsExactly(3, 1);

        JsonPath days = series("day");
        assertThat(days.getList("points")).hasSize(32);
        assertThat(incidentsPerPoint(days).stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);

        for (String interval : List.of("day", "week", "month")) {
            JsonPath series = series(interval);
            List<String> starts = series.getList("points.start");
            for (int i = 0; i < starts.size(); i++) {
                Instant start = max(Instant.parse(starts.get(i)), FROM);
                Instant end = i + 1 < starts.size() ? Instant.parse(starts.get(i + 1)) : TO;
                assertThat(ourGroup(series.getList("points[" + i + "].groups")))
                        .as(interval + " from " + starts.get(i)).isEqualTo(ourGroup(report(start, end)));
            }
        }
    }

    @Test
    void answersCsvWithARowPerPointAndGroup() {
        String category = CATEGORY + "-csv";
        report(Customer.fresh(), category, Instant.parse("2021-03-09T10:00:00Z"), Duration.ofHours(4));
        String csv = given().auth().oauth2(analyst()).accept("text/csv").queryParam("from", FROM.toString())
                .queryParam("to", TO.toString()).queryParam("interval", "week").queryParam("groupBy", "category")
                .get("/reports/recovery/series").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("start,key,incidents,resolved,invited,answered,responseRate,")
                .contains(",apologyRate,acknowledgedInTimeRate,slaBreachRate,");
        assertThat(lines).anyMatch(line -> line.startsWith("2021-03-08T00:00:00.000Z," + category + ",1,"));
    }

    @Test
    void rejectsAMissingOrUnknownIntervalTooManyPointsAndWindowsOverTenYears() {
        badSeries("2021-01-01T00:00:00Z", "2021-02-01T00:00:00Z", null, "interval");
        badSeries("2021-01-01T00:00:00Z", "2021-02-01T00:00:00Z", "hour", "interval");
        badSeries("2021-01-01T00:00:00Z", "2022-03-01T00:00:00Z", "day", "interval"); // 424 days
        badSeries("2021-01-02T00:00:00Z", "2021-01-01T00:00:00Z", "day", "to");
        badSeries("2010-01-01T00:00:00Z", "2020-01-01T00:00:01Z", "month", "to");
        given().auth().oauth2(analyst()).queryParam("from", "2010-01-01T00:00:00Z")
                .queryParam("to", "2020-01-01T00:00:01Z").get("/reports/recovery").then().statusCode(400)
                .body("violations.field", hasItem("to"));
        given().auth().oauth2(analyst()).queryParam("from", "2010-01-01T00:00:00Z")
                .queryParam("to", "2020-01-01T00:00:00Z").queryParam("interval", "month")
                .get("/reports/recovery/series").then().statusCode(200); // ten years by month: 120 points
    }

    private String tell(String reportedAt) {
        return report(Customer.fresh(), CATEGORY, Instant.parse(reportedAt), Duration.ofHours(4));
    }

    private static JsonPath series(String interval) {
        return given().auth().oauth2(analyst()).queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("interval", interval).queryParam("groupBy", "category").get("/reports/recovery/series")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> report(Instant from, Instant to) {
        return given().auth().oauth2(analyst()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("groupBy", "category").get("/reports/recovery").then().statusCode(200)
                .extract().jsonPath().getList("groups");
    }

    private static List<Integer> incidentsPerPoint(JsonPath series) {
        List<List<Map<String, Object>>> points = series.getList("points.groups");
        return points.stream().map(groups -> ourGroup(groups).map(group -> (Integer) group.get("incidents")).orElse(0))
                .toList();
    }

    private static Optional<Map<String, Object>> ourGroup(List<Map<String, Object>> groups) {
        return groups.stream().filter(group -> CATEGORY.equals(group.get("key"))).findFirst();
    }

    private static void badSeries(String from, String to, String interval, String field) {
        var request = given().auth().oauth2(analyst()).queryParam("from", from).queryParam("to", to);
        if (interval != null) {
            request.queryParam("interval", interval);
        }
        request.get("/reports/recovery/series").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String analyst() {
        return AmendsTestStack.token("ana", "analyst");
    }
}
