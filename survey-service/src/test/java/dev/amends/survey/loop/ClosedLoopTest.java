package dev.amends.survey.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The whole loop across the three services on the real broker: an incident is reported to
 * intake, its case resolved on resolution-service, the invitation mailed over SMTP, the link
 * answered NO (the case reopens), resolved again, a second invitation answered YES (it closes).
 */
@QuarkusTest
class ClosedLoopTest extends SurveyTest {

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void aNoReopensTheCaseAndTheSecondAttemptsYesClosesIt() throws Exception {
        Customer customer = Customer.fresh();
        String id = report(customer, "nb-NO", true);

        resolveAndInvite(id, "YES", "SUPPLIER");
        List<Mailbox.Mail> mails = Mailbox.of(customer.email());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("Løste vi problemet ditt?");
        String firstToken = mails.get(0).token();
        assertThat(mails.get(0).text()).contains("http://localhost:8083/s/" + firstToken);

        given().get("/s/" + firstToken).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("lang=\"nb\"")).body(containsString("Ble problemet ditt løst"));
        double noBefore = PrometheusText.value(metrics(), "amends_surveys_answered_total", "verdict=\"NO\"");
        given().contentType(ContentType.URLENC).formParam("resolvedSatisfactorily", "NO").formParam("satisfaction", "2")
                .formParam("comparedToBefore", "LESS").formParam("cause", "COMPANY")
                .post("/s/" + firstToken).then().statusCode(200).body(containsString("Takk!"));

        assertThat(PrometheusText.value(metrics(), "amends_surveys_answered_total", "verdict=\"NO\""))
                .isEqualTo(noBefore + 1);
        JsonNode answered = surveyEvents(id, 2).get(1);
        assertThat(answered.get("type").asText()).isEqualTo(EventType.SURVEY_ANSWERED.type());
        assertThat(RequestSchema.load(EventType.SURVEY_ANSWERED.schemaResource()).violations(answered.toString())).isEmpty();
        assertThat(answered.at("/data/resolvedSatisfactorily").asText()).isEqualTo("NO");
        assertThat(answered.at("/data/attempt").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agentOnCases().get("/cases/" + id).then()
                .body("status", equalTo("REOPENED")).body("attempt", equalTo(2))
                .body("resolutions[0].customerVerdict", equalTo("NO")));

        resolveAndInvite(id, "PARTLY", "SUPPLIER");
        assertThat(invitationState(id, 2)).isEqualTo(InvitationState.SENT);
        mails = Mailbox.of(customer.email());
        assertThat(mails).hasSize(2);
        String secondToken = mails.get(1).token();
        assertThat(secondToken).isNotEqualTo(firstToken);

        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\", \"satisfaction\": 5, "
                        + "\"comparedToBefore\": \"MORE\", \"speed\": 4, \"cause\": \"SUPPLIER\"}")
                .post("/surveys/" + secondToken + "/answer").then().statusCode(200)
                .body("answer.resolvedSatisfactorily", equalTo("YES"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> agentOnCases().get("/cases/" + id).then()
                .body("status", equalTo("CLOSED")).body("resolutions[1].customerVerdict", equalTo("YES")));
        given().get("/s/" + firstToken).then().statusCode(409).body(containsString("Allerede besvart"));
        // Links are stored only as hashes.
        assertThat(rowsMentioning(List.of(firstToken, secondToken))).isEmpty();
    }
}
