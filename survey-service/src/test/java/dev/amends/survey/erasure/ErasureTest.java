package dev.amends.survey.erasure;

import dev.amends.common.events.Topics;
import dev.amends.survey.IntakeStandIn;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.repository.SurveyAnswer;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure in survey-service: after intake's customer.personal-data.erased, survey-service holds
 * none of the customer's words, name, email or phone, their pending invitation is cancelled, the
 * comment's words get their tombstone, and the report's figures are unchanged (deploy/system-tests
 * runs it from intake's DELETE /customers/{id}/personal-data across the three services).
 */
@QuarkusTest
class ErasureTest extends SurveyTest {

    private static final String PHONE = "+4791234567";

    @Test
    void afterTheErasureSurveyHoldsNoneOfTheCustomersWordsOrContactAndTheFiguresStay() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Customer customer = Customer.withAddressStarting("erase-");
        String name = "Kari Erasure" + run;
        String email = customer.email();
        String category = "erasure-" + run;
        Instant from = Instant.now().minusSeconds(1);
        String answered = report(customer, "en", true, category);
        String pending = report(customer, "en", true, category);

        resolveAndInvite(answered, "YES", "SUPPLIER");
        String token = Mailbox.of(email).get(0).token();
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"PARTLY\", \"satisfaction\": 3, "
                        + "\"comment\": \"Call me on " + PHONE + ", " + name + ", or mail " + email + "\"}")
                .post("/surveys/" + token + "/answer").then().statusCode(200);
        resolve(pending, "YES");
        awaitInvitationScheduled(pending, 1);
        clock.reset();
        Instant to = Instant.now().plusSeconds(1);
        Map<String, Object> before = reportGroup(from, to, category);

        eraseAtIntake(customer, answered, pending);

        await().atMost(Duration.ofSeconds(30)).until(() -> invitationState(pending, 1) == InvitationState.CANCELLED);
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                SurveyAnswer.<SurveyAnswer>find("incidentId", UUID.fromString(answered)).firstResult().comment)).isNull();
        assertThat(rowsMentioning(List.of(name, email, PHONE, "91234567"))).isEmpty();
        String invitation = QuarkusTransaction.requiringNew().call(() ->
                SurveyAnswer.<SurveyAnswer>find("incidentId", UUID.fromString(answered)).firstResult().invitationId.toString());
        try (TopicReader comments = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.COMMENTS)) {
            var records = comments.await(TopicReader.key(invitation), 2, Duration.ofSeconds(30));
            assertThat(records.get(0).value()).contains(PHONE);
            assertThat(records.get(records.size() - 1).value()).as("the tombstone that compaction removes the words by").isNull();
        }
        assertThat(reportGroup(from, to, category)).isEqualTo(before);
    }

    /** What intake does on DELETE /customers/{id}/personal-data: forgets the contact and says so on its topic. */
    private void eraseAtIntake(Customer customer, String... incidents) throws Exception {
        for (String id : incidents) {
            given().baseUri(url("intake-service")).body(IntakeStandIn.incident(null, "en"))
                    .put("/incidents/" + id).then().statusCode(204);
        }
        eraseCustomer(customer);
    }
}
