package dev.amends.survey.optout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * "No more surveys" (contract section 6): the page asks, its button or a mail client's one-click
 * unsubscribe records it once per customer with survey.opted-out, and no invitation or reminder
 * follows; the objection outlives the customer's erasure.
 */
@QuarkusTest
class OptOutTest extends SurveyTest {

    @Test
    void thePageAsksAndItsButtonStopsEveryFurtherSurvey() {
        Customer customer = Customer.fresh();
        String category = "opt-out-" + java.util.UUID.randomUUID();
        String first = report(customer, "en", true, category);
        resolveAndInvite(first, "YES", "SUPPLIER");
        String token = Mailbox.of(customer.email()).get(0).token();

        given().get("/s/" + token + "/opt-out").then().statusCode(200).header("Cache-Control", "no-store")
                .body(containsString("<form method=\"post\" action=\"/s/" + token + "/opt-out\">"));
        assertThat(optedOut(customer)).as("a GET changes nothing").isZero();
        given().contentType(ContentType.URLENC).formParam("confirm", "yes").post("/s/" + token + "/opt-out")
                .then().statusCode(200).body(containsString("You will get no more surveys"));
        given().contentType(ContentType.URLENC).formParam("confirm", "yes").post("/s/" + token + "/opt-out")
                .then().statusCode(200);

        assertThat(optedOut(customer)).isEqualTo(1);
        assertThat(optedOutEvents(customer)).hasSize(1);
        String later = report(customer, "en", true, category);
        resolve(later, "YES");
        assertThat(invitationState(later, 1)).as("no invitation, not even a throttled one").isNull();
        assertThat(reportGroup(category)).as("the incident whose mail it came through")
                .containsEntry("incidents", 2).containsEntry("optedOut", 1).containsEntry("undeliverable", 0);
    }

    @Test
    void aMailClientsOneClickUnsubscribeIsA204AndStopsTheReminder() {
        Customer customer = Customer.fresh();
        String id = report(customer, "nb-NO", true);
        Instant sent = resolveAndInvite(id, "YES", "SUPPLIER");
        String token = Mailbox.of(customer.email()).get(0).token();

        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post("/s/" + token + "/opt-out")
                .then().statusCode(204);
        runAt(sent.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(1)));

        assertThat(Mailbox.of(customer.email())).as("no reminder").hasSize(1);
        JsonNode event = optedOutEvents(customer).get(0);
        assertThat(event.at("/data/incidentId").asText()).isEqualTo(id);
        assertThat(event.at("/data/attempt").asInt()).isEqualTo(1);
        given().get("/s/" + token).then().statusCode(200).body(containsString("lang=\"nb\""));
    }

    @Test
    void anAnsweredOrExpiredLinkStillOptsOutAndAnUnknownOneCannot() {
        Customer customer = Customer.fresh();
        String token = mailedSurvey(customer, false);
        given().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"YES\"}").post("/surveys/" + token + "/answer")
                .then().statusCode(200);
        clock.setTo(clock.instant().plus(Duration.ofDays(30)));

        given().contentType(ContentType.URLENC).formParam("confirm", "yes").post("/s/" + token + "/opt-out")
                .then().statusCode(200);
        given().get("/s/" + "A".repeat(43) + "/opt-out").then().statusCode(404).body(containsString("lang=\"en\""));
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post("/s/" + "A".repeat(43) + "/opt-out").then().statusCode(404);

        assertThat(optedOut(customer)).isEqualTo(1);
    }

    @Test
    void theObjectionOutlivesTheCustomersErasure() {
        Customer customer = Customer.fresh();
        String token = mailedSurvey(customer, false);
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post("/s/" + token + "/opt-out")
                .then().statusCode(204);

        eraseCustomer(customer);

        assertThat(optedOut(customer)).isEqualTo(1);
        String later = report(customer, "en", true);
        resolve(later, "YES");
        assertThat(invitationState(later, 1)).isNull();
    }

    private static long optedOut(Customer customer) {
        return QuarkusTransaction.requiringNew().call(() -> dev.amends.survey.repository.OptOut.count("customerRef",
                customer.ref()));
    }

    private List<JsonNode> optedOutEvents(Customer customer) {
        try (TopicReader surveys = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.SURVEYS)) {
            return surveys.toEnd(record -> record.value().contains(EventType.SURVEY_OPTED_OUT.type())
                    && record.value().contains(customer.ref())).stream().map(record -> {
                        try {
                            return mapper.readTree(record.value());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        }
    }
}
