package dev.amends.survey.answer;

import dev.amends.survey.support.SurveyTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The page and the JSON answer: the states of a link, bad answers, the headers that keep the link private. */
@QuarkusTest
class SurveyAnswerTest extends SurveyTest {

    private static final String UNKNOWN = "A".repeat(43);

    @Test
    void anUnknownLinkIsNotFoundAsAPageAndAsAProblem() {
        given().get("/s/" + UNKNOWN).then().statusCode(404).contentType(containsString("text/html"))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .body(containsString("Survey not found")).body(containsString("lang=\"en\""));
        given().get("/s/not-a-token").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\"}")
                .post("/surveys/" + UNKNOWN + "/answer").then().statusCode(404)
                .contentType("application/problem+json").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        given().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "YES")
                .post("/s/" + UNKNOWN).then().statusCode(404).contentType(containsString("text/html"));
    }

    @Test
    void theFormAsksAboutCompensationOnlyWhenItWasOffered() {
        String without = sentSurvey(Customer.fresh(), false);
        given().get("/s/" + without).then().statusCode(200).header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").body(not(containsString("fairCompensation")))
                .body(containsString("<label for=\"resolved-yes\">Yes</label>"));
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\", \"fairCompensation\": 4}")
                .post("/surveys/" + without + "/answer").then().statusCode(400)
                .body("violations.field", hasItem("fairCompensation"));

        String with = sentSurvey(Customer.fresh(), true);
        given().get("/s/" + with).then().statusCode(200).body(containsString("name=\"fairCompensation\""));
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"PARTLY\", \"fairCompensation\": 4}")
                .post("/surveys/" + with + "/answer").then().statusCode(200).body("answer.fairCompensation", equalTo(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"resolvedSatisfactorily\": \"MAYBE\"}",
            "{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": 6}",
            "{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": \"5\"}",
            "{\"resolvedSatisfactorily\": \"YES\", \"speed\": 0}",
            "{\"resolvedSatisfactorily\": \"YES\", \"cause\": \"ALIENS\"}",
            "{\"resolvedSatisfactorily\": \"YES\", \"comparedToBefore\": \"BETTER\"}",
            "{\"resolvedSatisfactorily\": \"YES\", \"name\": \"Kari\"}",
            "[\"YES\"]",
            "{\"resolvedSatisfactorily\": ",
    })
    void aBadJsonAnswerIsRejectedAndTheLinkStaysOpen(String body) {
        String token = sentSurvey(Customer.fresh(), false);
        given().contentType(ContentType.JSON).body(body).post("/surveys/" + token + "/answer").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/s/" + token).then().statusCode(200);
        assertThat(answers()).isEqualTo(answersBefore);
    }

    @Test
    void aCommentOverTwoThousandCharactersIsRejected() {
        String token = sentSurvey(Customer.fresh(), false);
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\", \"comment\": \"" + "x".repeat(2001) + "\"}")
                .post("/surveys/" + token + "/answer").then().statusCode(400).body("violations.field", hasItem("comment"));
        given().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "YES").formParam("comment", "x".repeat(2001))
                .post("/s/" + token).then().statusCode(400).contentType(containsString("text/html"));
        given().get("/s/" + token).then().statusCode(200);
    }

    @Test
    void aTwoThousandCharacterNorwegianCommentIsAcceptedFromTheFormAsFromJson() {
        // Every character percent-encodes to six bytes: 12,000 bytes on the wire for 2,000 characters.
        String comment = "æøåÆØÅ".repeat(334).substring(0, 2000);
        String fromForm = sentSurvey(Customer.fresh(), false);
        postAsABrowserDoes(fromForm, comment).then().statusCode(200).contentType(containsString("text/html"));
        String fromJson = sentSurvey(Customer.fresh(), false);
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"NO\", \"comment\": \"" + comment + "\"}")
                .post("/surveys/" + fromJson + "/answer").then().statusCode(200);

        assertThat(storedComments()).filteredOn(comment::equals).hasSize(2);
        String tooLong = sentSurvey(Customer.fresh(), false);
        postAsABrowserDoes(tooLong, comment + "æ").then().statusCode(400).contentType(containsString("text/html"));
        given().get("/s/" + tooLong).then().statusCode(200);
    }

    /** UTF-8 percent-encoding with no charset parameter, as a browser posts a form. */
    private static io.restassured.response.Response postAsABrowserDoes(String token, String comment) {
        return given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                        .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded")
                .body("resolvedSatisfactorily=NO&comment=" + java.net.URLEncoder.encode(comment, java.nio.charset.StandardCharsets.UTF_8))
                .post("/s/" + token);
    }

    @Test
    void aFormWithoutTheRequiredAnswerShowsTheFormAgainWithTheError() {
        String token = sentSurvey(Customer.fresh(), false);
        given().contentType(ContentType.URLENC).formParam("satisfaction", "4").post("/s/" + token).then().statusCode(400)
                .body(containsString("role=\"alert\"")).body(containsString("Please answer whether your problem was resolved."));
        given().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "YES").formParam("speed", "9")
                .post("/s/" + token).then().statusCode(400);
        given().get("/s/" + token).then().statusCode(200);
    }

    @Test
    void aSecondAnswerIsAConflictAndAnExpiredLinkIsGone() {
        String token = sentSurvey(Customer.fresh(), false);
        given().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "YES").post("/s/" + token)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"NO\"}")
                .post("/surveys/" + token + "/answer").then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "NO").post("/s/" + token)
                .then().statusCode(409).body(containsString("Already answered"));

        String late = sentSurvey(Customer.fresh(), false);
        clock.setTo(clock.instant().plus(Duration.ofDays(15)));
        given().get("/s/" + late).then().statusCode(410).body(containsString("This survey has expired"));
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\"}")
                .post("/surveys/" + late + "/answer").then().statusCode(410).contentType("application/problem+json");
    }

    private long answersBefore;

    private String sentSurvey(Customer customer, boolean compensation) {
        String token = mailedSurvey(customer, compensation);
        answersBefore = answers();
        return token;
    }

    private static java.util.List<String> storedComments() {
        return QuarkusTransaction.requiringNew().call(() -> dev.amends.survey.repository.SurveyAnswer
                .<dev.amends.survey.repository.SurveyAnswer>listAll().stream().map(answer -> answer.comment).toList());
    }

    private static long answers() {
        return QuarkusTransaction.requiringNew().call(() -> dev.amends.survey.repository.SurveyAnswer.count());
    }
}
