package dev.amends.survey.rest;

import dev.amends.common.events.DisruptionDeclared;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.ApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document survey-service serves describes its real answers; the survey answer needs no token. */
@QuarkusTest
class ApiDocumentTest extends SurveyTest {

    private static final String ANSWER = "/surveys/{token}/answer";
    private static final String REPORT = "/reports/recovery";
    private static final String PAGE = "/s/{token}";
    private static final String DISRUPTION_REPORT = "/reports/disruptions/{id}";
    private static final String INTERVIEW_PAGE = "/i/{token}";
    private static final String INTERVIEW_ANSWER = "/interviews/{token}/answer";
    private static final String RETENTION = "/reports/retention";
    private static final String SERIES = "/reports/recovery/series";
    private static final String BEHIND = "/reports/recovery/incidents";

    @Test
    void describesTheAnswersOfEveryOperation() {
        ApiDocument document = ApiDocument.served();
        String token = mailedSurvey(Customer.fresh(), true);
        String onThePage = mailedSurvey(Customer.fresh(), false);

        Response page = document.assertDescribes("GET", PAGE, given().get("/s/" + onThePage).andReturn());
        assertThat(page.statusCode()).isEqualTo(200);
        Response thanks = document.assertDescribes("POST", PAGE, given().contentType(ContentType.URLENC)
                .formParam("resolvedSatisfactorily", "YES").post("/s/" + onThePage).andReturn());
        assertThat(thanks.statusCode()).isEqualTo(200);
        Response optOutPage = document.assertDescribes("GET", PAGE + "/opt-out", given().get("/s/" + onThePage + "/opt-out")
                .andReturn());
        assertThat(optOutPage.statusCode()).isEqualTo(200);
        Response oneClick = document.assertDescribes("POST", PAGE + "/opt-out", given().contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click").post("/s/" + onThePage + "/opt-out").andReturn());
        assertThat(oneClick.statusCode()).isEqualTo(204);
        Response answered = document.assertDescribes("POST", ANSWER, answer(token,
                "{\"resolvedSatisfactorily\": \"PARTLY\", \"satisfaction\": 4, \"fairCompensation\": 3, \"comment\": \"Slow\"}"));
        assertThat(answered.statusCode()).isEqualTo(200);
        Instant now = Instant.now();
        Response report = document.assertDescribes("GET", REPORT, given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", now.minus(30, ChronoUnit.DAYS).toString()).queryParam("to", now.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("groupBy", "severity").get(REPORT).andReturn());
        assertThat(report.jsonPath().getList("groups")).isNotEmpty();
        UUID disruption = UUID.randomUUID();
        publish(Topics.INCIDENTS, disruption.toString(), 1, new DisruptionDeclared(disruption, "webshop", null, Severity.LOW,
                false, now, null, now));
        Response disruptionReport = document.assertDescribes("GET", DISRUPTION_REPORT,
                given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get("/reports/disruptions/" + disruption).andReturn());
        assertThat(disruptionReport.statusCode()).isEqualTo(200);
        Customer lapsed = Customer.fresh();
        report(lapsed, "en", true);
        String interview = mailedInterview(lapsed);
        Response interviewPage = document.assertDescribes("GET", INTERVIEW_PAGE, given().get("/i/" + interview).andReturn());
        assertThat(interviewPage.statusCode()).isEqualTo(200);
        Response interviewForm = document.assertDescribes("POST", INTERVIEW_PAGE, given().contentType(ContentType.URLENC)
                .formParam("reason", "PRICE").post("/i/" + interview).andReturn());
        assertThat(interviewForm.statusCode()).isEqualTo(400);
        Response interviewAnswered = document.assertDescribes("POST", INTERVIEW_ANSWER, given().contentType(ContentType.JSON)
                .body("{\"reason\": \"MOVED\", \"mayContact\": false, \"incidentWeight\": null}")
                .post("/interviews/" + interview + "/answer").andReturn());
        assertThat(interviewAnswered.statusCode()).isEqualTo(200);
        Response interviewAgain = document.assertDescribes("POST", INTERVIEW_ANSWER, given().contentType(ContentType.JSON)
                .body("{\"reason\": \"MOVED\", \"mayContact\": false}").post("/interviews/" + interview + "/answer").andReturn());
        assertThat(interviewAgain.statusCode()).isEqualTo(409);
        Response interviewInvalid = document.assertDescribes("POST", INTERVIEW_ANSWER, given().contentType(ContentType.JSON)
                .body("{\"reason\": \"MOVED\"}").post("/interviews/" + interview + "/answer").andReturn());
        assertThat(interviewInvalid.statusCode()).isEqualTo(400);
        Response retention = document.assertDescribes("GET", RETENTION, retention(now).get(RETENTION).andReturn());
        assertThat(retention.jsonPath().getList("groups")).isNotEmpty();
        Response retentionCsv = document.assertDescribes("GET", RETENTION, retention(now).accept("text/csv").get(RETENTION)
                .andReturn());
        assertThat(retentionCsv.asString()).startsWith("key,");
        Response series = document.assertDescribes("GET", SERIES, retention(now).queryParam("interval", "week")
                .queryParam("groupBy", "channel").get(SERIES).andReturn());
        assertThat(series.jsonPath().getList("points")).isNotEmpty();
        Response behind = document.assertDescribes("GET", BEHIND, retention(now).queryParam("figure", "responseRate")
                .get(BEHIND).andReturn());
        assertThat(behind.jsonPath().getList("$")).isNotEmpty();

        document.assertEveryOperationChecked();
    }

    @Test
    void describesTheProblemAnswers() {
        ApiDocument document = ApiDocument.served();
        String token = mailedSurvey(Customer.fresh(), false);

        Response invalid = document.assertDescribes("POST", ANSWER, answer(token, "{\"resolvedSatisfactorily\": \"MAYBE\"}"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        answer(token, "{\"resolvedSatisfactorily\": \"YES\"}");
        Response again = document.assertDescribes("POST", ANSWER, answer(token, "{\"resolvedSatisfactorily\": \"NO\"}"));
        assertThat(again.statusCode()).isEqualTo(409);
        Response unknown = document.assertDescribes("POST", ANSWER, answer("A".repeat(43), "{\"resolvedSatisfactorily\": \"NO\"}"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        String late = mailedSurvey(Customer.fresh(), false);
        clock.setTo(clock.instant().plus(Duration.ofDays(15)));
        Response gone = document.assertDescribes("POST", ANSWER, answer(late, "{\"resolvedSatisfactorily\": \"YES\"}"));
        assertThat(gone.statusCode()).isEqualTo(410);
        Response gonePage = document.assertDescribes("GET", PAGE, given().get("/s/" + late).andReturn());
        assertThat(gonePage.statusCode()).isEqualTo(410);
        assertThat(gonePage.contentType()).startsWith("text/html");

        Response withoutWindow = document.assertDescribes("GET", REPORT,
                given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get(REPORT).andReturn());
        assertThat(withoutWindow.statusCode()).isEqualTo(400);
        Response wrongRole = document.assertDescribes("GET", REPORT,
                given().auth().oauth2(AmendsTestStack.token("ola", "agent")).get(REPORT).andReturn());
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        Response noToken = document.assertDescribes("GET", REPORT, given().get(REPORT).andReturn());
        assertThat(noToken.statusCode()).isEqualTo(401);
        Response unknownDisruption = document.assertDescribes("GET", DISRUPTION_REPORT, given().auth()
                .oauth2(AmendsTestStack.token("ana", "analyst")).get("/reports/disruptions/" + UUID.randomUUID()).andReturn());
        assertThat(unknownDisruption.statusCode()).isEqualTo(404);
        Response retentionWithoutWindow = document.assertDescribes("GET", RETENTION,
                given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get(RETENTION).andReturn());
        assertThat(retentionWithoutWindow.statusCode()).isEqualTo(400);
        Response retentionWrongRole = document.assertDescribes("GET", RETENTION,
                given().auth().oauth2(AmendsTestStack.token("ola", "agent")).get(RETENTION).andReturn());
        assertThat(retentionWrongRole.statusCode()).isEqualTo(403);
        Response retentionNoToken = document.assertDescribes("GET", RETENTION, given().get(RETENTION).andReturn());
        assertThat(retentionNoToken.statusCode()).isEqualTo(401);
        Response seriesWithoutInterval = document.assertDescribes("GET", SERIES, retention(Instant.now()).get(SERIES)
                .andReturn());
        assertThat(seriesWithoutInterval.statusCode()).isEqualTo(400);
        Response behindWithoutFigure = document.assertDescribes("GET", BEHIND, retention(Instant.now()).get(BEHIND)
                .andReturn());
        assertThat(behindWithoutFigure.statusCode()).isEqualTo(400);
    }

    private static RequestSpecification retention(Instant now) {
        return given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", now.minus(30, ChronoUnit.DAYS).toString()).queryParam("to", now.plus(1, ChronoUnit.DAYS).toString());
    }

    private static Response answer(String token, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/surveys/" + token + "/answer").andReturn();
    }
}
