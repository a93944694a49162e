package dev.amends.survey.interview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.CustomerLapsed;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.events.ValueTier;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.repository.Interview;
import dev.amends.survey.repository.InterviewAnswer;
import dev.amends.survey.repository.InterviewState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Exit interviews (contract section 9): a lapsed customer who is not HIGH value, with an incident
 * reported within P180D before the lapse, gets one interview mail PT1H after the lapse is read, at
 * most one per P365D, none after an opt-out; the page, the form and the JSON answer with the
 * survey's status codes; the words on the comments topic alone, erased with the customer.
 */
@QuarkusTest
class InterviewTest extends SurveyTest {

    @Test
    void aLapsedCustomerWithARecentIncidentIsMailedOneInterviewInTheirLanguageAfterTheSettleDelay() throws Exception {
        Customer customer = Customer.fresh();
        String incident = report(customer, "nb-NO", true);
        Instant read = Instant.now();
        lapse(customer, read.plusSeconds(60), ValueTier.NORMAL);

        runAt(read.plus(INTERVIEW_SETTLE).minusSeconds(60));
        assertThat(Mailbox.of(customer.email())).as("not before the settle delay").isEmpty();
        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));

        List<Mailbox.Mail> mails = Mailbox.of(customer.email());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("Hvorfor forlot du oss?");
        assertThat(mails.get(0).text()).contains("/i/" + mails.get(0).token());
        MimeMessage message = Mailbox.messages(customer.email()).get(0);
        assertThat(message.getHeader("List-Unsubscribe")[0]).endsWith("/s/" + mails.get(0).token() + "/opt-out>");
        JsonNode invited = interviewEvent(incident, "interview.invited");
        assertThat(RequestSchema.load(EventType.INTERVIEW_INVITED.schemaResource()).violations(invited.toString())).isEmpty();
        assertThat(invited.at("/data/incidentId").asText()).isEqualTo(incident);
        assertThat(invited.at("/data/customerRef").asText()).isEqualTo(customer.ref());
        assertThat(invited.at("/data/locale").asText()).isEqualTo("nb");

        runAt(read.plus(Duration.ofDays(2)));
        assertThat(Mailbox.of(customer.email())).as("no reminder").hasSize(1);
    }

    @Test
    void aLapseReadBeforeTheIncidentThatQualifiesItStillFindsItWhenDecided() {
        Customer customer = Customer.fresh();
        Instant read = Instant.now();
        lapse(customer, read.plusSeconds(60), ValueTier.LOW);
        String incident = report(customer, "en", true);

        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));

        assertThat(interview(customer).state).isEqualTo(InterviewState.SENT);
        assertThat(interview(customer).incidentId).isEqualTo(UUID.fromString(incident));
    }

    @Test
    void noInterviewWithoutAnIncidentInTheWindowBeforeTheLapse() {
        Customer tooLongAgo = Customer.fresh();
        report(tooLongAgo, "en", true);
        Customer incidentAfterTheLapse = Customer.fresh();
        Customer noIncident = Customer.fresh();
        Instant read = Instant.now();
        lapse(tooLongAgo, read.plus(Duration.ofDays(181)), ValueTier.NORMAL);
        lapse(incidentAfterTheLapse, read.minus(Duration.ofDays(1)), ValueTier.NORMAL);
        report(incidentAfterTheLapse, "en", true);
        lapse(noIncident, read, ValueTier.NORMAL);

        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));

        for (Customer customer : List.of(tooLongAgo, incidentAfterTheLapse, noIncident)) {
            assertThat(interview(customer).state).as(customer.id()).isEqualTo(InterviewState.NOT_QUALIFIED);
            assertThat(Mailbox.of(customer.email())).as(customer.id()).isEmpty();
        }
    }

    @Test
    void aHighValueCustomerIsWonBackByIntakeNotInterviewed() {
        Customer customer = Customer.fresh();
        report(customer, "en", true);
        Instant read = Instant.now();
        lapse(customer, read, ValueTier.HIGH);

        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));

        assertThat(interviews(customer)).isEmpty();
        assertThat(Mailbox.of(customer.email())).isEmpty();
    }

    @Test
    void atMostOneInterviewPerCustomerInAYear() {
        Customer customer = Customer.fresh();
        report(customer, "en", true);
        Instant read = Instant.now();
        lapse(customer, read.plusSeconds(60), ValueTier.NORMAL);
        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));
        lapse(customer, read.plus(Duration.ofDays(3)), ValueTier.NORMAL);

        runAt(read.plus(Duration.ofDays(4)));

        assertThat(interviews(customer)).extracting(interview -> interview.state)
                .containsExactlyInAnyOrder(InterviewState.SENT, InterviewState.THROTTLED);
        assertThat(Mailbox.of(customer.email())).hasSize(1);
    }

    @Test
    void aCustomerWhoOptedOutIsNotInterviewedAndTheInterviewLinkOptsOutToo() {
        Customer optedOutBefore = Customer.fresh();
        String token = mailedSurvey(optedOutBefore, false);
        given().contentType(ContentType.URLENC).formParam("confirm", "yes").post("/s/" + token + "/opt-out")
                .then().statusCode(200);
        Customer optsOutFromTheInterview = Customer.fresh();
        String incident = report(optsOutFromTheInterview, "sv-SE", true);
        Instant read = Instant.now();
        lapse(optedOutBefore, read.plusSeconds(60), ValueTier.NORMAL);
        lapse(optsOutFromTheInterview, read.plusSeconds(60), ValueTier.NORMAL);

        runAt(read.plus(INTERVIEW_SETTLE).plusSeconds(5));

        assertThat(interview(optedOutBefore).state).isEqualTo(InterviewState.OPTED_OUT);
        assertThat(Mailbox.of(optedOutBefore.email())).as("the survey only").hasSize(1);
        String interviewToken = Mailbox.of(optsOutFromTheInterview.email()).get(0).token();
        given().contentType(ContentType.URLENC).formParam("confirm", "yes").post("/s/" + interviewToken + "/opt-out")
                .then().statusCode(200).header("Content-Language", "sv");
        JsonNode optedOut = interviewEvent(incident, "survey.opted-out");
        assertThat(optedOut.at("/data/invitationId").asText()).isEqualTo(interview(optsOutFromTheInterview).id.toString());
        assertThat(RequestSchema.load(EventType.SURVEY_OPTED_OUT.schemaResource()).violations(optedOut.toString())).isEmpty();
    }

    @Test
    void theJsonAnswerIsRecordedOncePublishedWithoutItsWordsAndTheWordsGoToTheCommentsTopic() {
        Customer customer = Customer.fresh();
        String incident = report(customer, "en", true);
        String token = mailedInterview(customer);

        given().contentType(ContentType.JSON).body(Map.of("reason", "INCIDENT_HANDLING", "incidentWeight", 5,
                        "mayContact", true, "comment", "Nobody called back. Æøå."))
                .post("/interviews/" + token + "/answer")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("answer.reason", equalTo("INCIDENT_HANDLING")).body("answer.mayContact", equalTo(true))
                .body("answer.incidentWeight", equalTo(5));
        given().contentType(ContentType.JSON).body(Map.of("reason", "PRICE", "mayContact", false))
                .post("/interviews/" + token + "/answer")
                .then().statusCode(409).contentType("application/problem+json");

        JsonNode answered = interviewEvent(incident, "interview.answered");
        assertThat(RequestSchema.load(EventType.INTERVIEW_ANSWERED.schemaResource()).violations(answered.toString())).isEmpty();
        assertThat(answered.at("/data/mayContact").asBoolean()).isTrue();
        assertThat(answered.at("/data/hasComment").asBoolean()).isTrue();
        assertThat(answered.toString()).doesNotContain("Nobody called back");
        String interviewId = interview(customer).id.toString();
        try (TopicReader comments = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.COMMENTS)) {
            ConsumerRecord<String, String> words = comments.await(TopicReader.key(interviewId), 1, Duration.ofSeconds(30)).get(0);
            assertThat(RequestSchema.load("schemas/comments/amends.survey-comments.v1.json").violations(words.value())).isEmpty();
            assertThat(words.value()).contains("\"interviewId\":\"" + interviewId + "\"").contains("Nobody called back. Æøå.");
        }
    }

    @Test
    void rejectsAnAnswerWithoutReasonOrMayContactAndStoresNothing() {
        Customer customer = Customer.fresh();
        report(customer, "en", true);
        String token = mailedInterview(customer);

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("mayContact", true), Map.of("reason", "PRICE"),
                Map.of("reason", "BORED", "mayContact", true), Map.of("reason", "PRICE", "mayContact", "yes"),
                Map.of("reason", "PRICE", "mayContact", true, "incidentWeight", 6),
                Map.of("reason", "PRICE", "mayContact", true, "comment", "x".repeat(2001)))) {
            given().contentType(ContentType.JSON).body(body).post("/interviews/" + token + "/answer")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType(ContentType.URLENC).formParam("reason", "PRICE").post("/i/" + token)
                .then().statusCode(400).body(containsString("Please tell us whether we may contact you."));
        given().contentType(ContentType.URLENC).formParam("mayContact", "false").post("/i/" + token)
                .then().statusCode(400).body(containsString("Please choose the main reason you left."));

        assertThat(interview(customer).state).isEqualTo(InterviewState.SENT);
        assertThat(QuarkusTransaction.requiringNew().call(() -> InterviewAnswer.count("interviewId", interview(customer).id)))
                .isZero();
    }

    @Test
    void thePageAnswersFromItsFormAndAnAnsweredUnknownOrExpiredLinkGetsAFriendlyPage() {
        Customer customer = Customer.fresh();
        report(customer, "en", true);
        String token = mailedInterview(customer);

        given().get("/i/" + token).then().statusCode(200).header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").body(containsString("<html lang=\"en\">"))
                .body(containsString("<form method=\"post\" action=\"/i/" + token + "\">"));
        String comment = "Flyttet til Tromsø, æøå. " + "x".repeat(1975);
        given().contentType(ContentType.URLENC).formParam("reason", "MOVED").formParam("mayContact", "false")
                .formParam("incidentWeight", "2").formParam("comment", comment).post("/i/" + token)
                .then().statusCode(200).body(containsString("Thank you for telling us."));
        given().get("/i/" + token).then().statusCode(409).body(containsString("You have answered already."));
        assertThat(QuarkusTransaction.requiringNew().call(() -> InterviewAnswer.<InterviewAnswer>findById(interview(customer).id).comment))
                .isEqualTo(comment);
        given().get("/i/" + "A".repeat(43)).then().statusCode(404).body(containsString("Questions not found"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "PRICE", "mayContact", true))
                .post("/interviews/not-a-token/answer").then().statusCode(404).contentType("application/problem+json");

        Customer late = Customer.fresh();
        report(late, "en", true);
        String lateToken = mailedInterview(late);
        runAt(Instant.now().plus(Duration.ofDays(15)));
        assertThat(interview(late).state).isEqualTo(InterviewState.EXPIRED);
        given().get("/i/" + lateToken).then().statusCode(410).body(containsString("This link has expired"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "PRICE", "mayContact", true))
                .post("/interviews/" + lateToken + "/answer").then().statusCode(410);
    }

    @Test
    void anErasureRemovesTheInterviewsWordsAndCancelsOneNotMailedYet() {
        Customer customer = Customer.fresh();
        report(customer, "en", true);
        String token = mailedInterview(customer);
        given().contentType(ContentType.JSON).body(Map.of("reason", "OTHER", "mayContact", false, "comment", "Call Ola at 99 88 77 66"))
                .post("/interviews/" + token + "/answer").then().statusCode(200);
        Instant read = Instant.now();
        lapse(customer, read.plus(Duration.ofDays(1)), ValueTier.NORMAL);

        eraseCustomer(customer);

        UUID answered = interviews(customer).stream().filter(i -> i.state == InterviewState.ANSWERED).findFirst().orElseThrow().id;
        assertThat(interviews(customer)).extracting(interview -> interview.state)
                .containsExactlyInAnyOrder(InterviewState.ANSWERED, InterviewState.CANCELLED);
        assertThat(QuarkusTransaction.requiringNew().call(() -> InterviewAnswer.<InterviewAnswer>findById(answered).comment)).isNull();
        try (TopicReader comments = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.COMMENTS)) {
            List<ConsumerRecord<String, String>> records = comments.await(TopicReader.key(answered.toString()), 2, Duration.ofSeconds(30));
            assertThat(records.get(records.size() - 1).value()).as("the tombstone").isNull();
        }
    }

    private JsonNode interviewEvent(String incident, String type) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> surveyEvents(incident, 1).stream()
                .filter(event -> event.get("type").asText().equals("dev.amends." + type + ".v1")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }
}
