package dev.amends.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.survey.IntakeStandIn;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract section 6 with intake away for one incident: its invitation is tried again after pauses
 * that double, the others go out meanwhile, and it ends undeliverable once failures have lasted the
 * give-up period. A profile of its own: the failures open the contact look-up's circuit breaker,
 * which no other test should meet.
 */
@QuarkusTest
@TestProfile(IntakeAwayTest.OwnCircuitBreaker.class)
class IntakeAwayTest extends SurveyTest {

    public static class OwnCircuitBreaker implements QuarkusTestProfile {
    }

    @Test
    void anInvitationIntakeCannotLookUpIsRetriedWithDoublingPausesThenEndsUndeliverable() {
        Customer away = Customer.fresh();
        Customer ordinary = Customer.fresh();
        String awayCase = report(away, "en", true);
        String ordinaryCase = report(ordinary, "en", true);
        given().baseUri(url("intake-service")).body(IntakeStandIn.incident(away.email(), "en"))
                .put("/incidents/" + awayCase + "?status=503").then().statusCode(204);
        Instant due = resolve(awayCase, "YES").plus(Duration.ofHours(1));
        resolve(ordinaryCase, "YES");
        awaitInvitationScheduled(awayCase, 1);
        awaitInvitationScheduled(ordinaryCase, 1);
        Instant allDue = due.plusSeconds(5);

        runAt(allDue);
        assertThat(invitationState(ordinaryCase, 1)).as("the others go out").isEqualTo(InvitationState.SENT);
        Invitation first = invitation(awayCase);
        assertThat(first.state).isEqualTo(InvitationState.SCHEDULED);
        assertThat(first.tries).isEqualTo(1);
        assertThat(first.nextTryAt).isEqualTo(allDue.plus(Duration.ofMinutes(1)));

        runAt(allDue.plusSeconds(30));
        assertThat(invitation(awayCase).tries).as("not before its pause has passed").isEqualTo(1);
        runAt(first.nextTryAt);
        Invitation second = invitation(awayCase);
        assertThat(second.tries).isEqualTo(2);
        assertThat(second.nextTryAt).isEqualTo(first.nextTryAt.plus(Duration.ofMinutes(2)));

        runAt(allDue.plus(Duration.ofDays(2)));
        assertThat(invitationState(awayCase, 1)).isEqualTo(InvitationState.UNDELIVERABLE);
        assertThat(Mailbox.of(away.email())).isEmpty();
        JsonNode undeliverable = surveyEvents(awayCase, 1).get(0);
        assertThat(undeliverable.get("type").asText()).isEqualTo(EventType.SURVEY_UNDELIVERABLE.type());
        assertThat(undeliverable.at("/data/reason").asText()).isEqualTo("CONTACT_LOOKUP_FAILED");
        assertThat(undeliverable.at("/data/tries").asInt()).isEqualTo(3);
    }

    private static Invitation invitation(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find("incidentId = ?1 and attempt = 1",
                UUID.fromString(incidentId)).firstResult());
    }
}
