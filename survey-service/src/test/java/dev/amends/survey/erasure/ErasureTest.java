package dev.amends.survey.erasure;

import dev.amends.common.events.Topics;
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
import static org.hamcrest.Matchers.nullValue;

/**
 * Erasure end to end: after DELETE /customers/{id}/personal-data on intake, neither intake nor
 * survey-service holds the customer's name, email or phone, and the report's figures are unchanged.
 */
@QuarkusTest
class ErasureTest extends SurveyTest {

    private static final String PHONE = "+4791234567";

    @Test
    void afterTheErasureNoServiceHoldsTheCustomersNameEmailOrPhoneAndTheFiguresStay() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "C-erase-" + run;
        String name = "Kari Erasure" + run;
        String email = "erase-" + run + "@example.no";
        String category = "erasure-" + run;
        Instant from = Instant.now().minusSeconds(1);
        String answered = post(customerId, name, email, category);
        String pending = post(customerId, name, email, category);

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

        given().baseUri(url("intake-service")).auth().oauth2(AmendsTestStack.token("ola", "agent"))
                .queryParam("source", "webshop").delete("/customers/" + customerId + "/personal-data")
                .then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> invitationState(pending, 1) == InvitationState.CANCELLED);
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                SurveyAnswer.<SurveyAnswer>find("incidentId", UUID.fromString(answered)).firstResult().comment)).isNull();
        for (String id : List.of(answered, pending)) {
            given().baseUri(url("intake-service")).auth().oauth2(AmendsTestStack.token("ola", "agent"))
                    .get("/incidents/" + id).then().statusCode(200).body("customer.name", nullValue())
                    .body("customer.email", nullValue()).body("customer.phone", nullValue());
        }
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

    private String post(String customerId, String name, String email, String category) {
        String id = given().baseUri(url("intake-service")).auth().oauth2(AmendsTestStack.token("webshop", "reporter"))
                .contentType(ContentType.JSON)
                .body("{\"source\": \"webshop\", \"channel\": \"WEB\", \"category\": \"" + category + "\", "
                        + "\"summary\": \"Broken lamp\", \"customer\": {\"id\": \"" + customerId + "\", \"name\": \"" + name
                        + "\", \"email\": \"" + email + "\", \"phone\": \"" + PHONE + "\", \"locale\": \"en\"}}")
                .post("/incidents").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                agentOnCases().get("/cases/" + id).then().statusCode(200));
        return id;
    }

    private static Map<String, Object> reportGroup(Instant from, Instant to, String category) {
        List<Map<String, Object>> groups = given().auth().oauth2(AmendsTestStack.token("ana", "analyst"))
                .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("groupBy", "category")
                .get("/reports/recovery").then().statusCode(200).extract().jsonPath().getList("groups");
        return groups.stream().filter(group -> category.equals(group.get("key"))).findFirst().orElseThrow();
    }
}
