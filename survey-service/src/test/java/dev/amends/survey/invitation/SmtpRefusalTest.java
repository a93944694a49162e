package dev.amends.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.RefusingSmtpGate;
import dev.amends.survey.support.SurveyTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract section 6, "nothing stalls", over a real SMTP conversation: a recipient the server
 * refuses (550) ends the invitation at once, one it cannot take now (451) is tried again with
 * growing pauses and given up after P2D; a customer mailed at the same time is not held back.
 */
@QuarkusTest
class SmtpRefusalTest extends SurveyTest {

    @Test
    void aRecipientTheSmtpServerRefusesEndsUndeliverableAtOnceAndTheOthersAreMailed() {
        Customer refused = Customer.withAddressStarting(RefusingSmtpGate.REFUSED);
        Customer ordinary = Customer.fresh();
        String category = "refusal-" + java.util.UUID.randomUUID();
        String refusedCase = report(refused, "en", true, category);
        String ordinaryCase = report(ordinary, "en", true, category);
        resolve(refusedCase, "YES");
        // The later of the two: each resolution waits until survey-service applied it.
        Instant resolvedAt = resolve(ordinaryCase, "YES");
        awaitInvitationScheduled(refusedCase, 1);
        awaitInvitationScheduled(ordinaryCase, 1);

        runAt(resolvedAt.plus(Duration.ofHours(1)).plusSeconds(30));

        assertThat(invitationState(refusedCase, 1)).isEqualTo(InvitationState.UNDELIVERABLE);
        assertThat(invitationState(ordinaryCase, 1)).isEqualTo(InvitationState.SENT);
        assertThat(Mailbox.of(ordinary.email())).hasSize(1);
        assertThat(Mailbox.of(refused.email())).isEmpty();
        JsonNode undeliverable = surveyEvents(refusedCase, 1).get(0);
        assertThat(undeliverable.get("type").asText()).isEqualTo(EventType.SURVEY_UNDELIVERABLE.type());
        assertThat(RequestSchema.load(EventType.SURVEY_UNDELIVERABLE.schemaResource()).violations(undeliverable.toString()))
                .isEmpty();
        assertThat(undeliverable.at("/data/reason").asText()).isEqualTo("SMTP_REFUSED");
        assertThat(undeliverable.at("/data/tries").asInt()).isEqualTo(1);
        assertThat(reportGroup(category)).containsEntry("incidents", 2).containsEntry("invited", 1)
                .containsEntry("undeliverable", 1).containsEntry("optedOut", 0);
    }

    @Test
    void aRecipientTheSmtpServerCannotTakeNowIsTriedAgainLaterAndGivenUpAfterTwoDays() {
        Customer busy = Customer.withAddressStarting(RefusingSmtpGate.UNAVAILABLE);
        String id = report(busy, "en", true);
        Instant due = resolve(id, "YES").plus(Duration.ofHours(1));
        awaitInvitationScheduled(id, 1);

        runAt(due.plusSeconds(1));
        assertThat(tries(id)).isEqualTo(1);
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.SCHEDULED);
        runAt(due.plusSeconds(30));
        assertThat(tries(id)).as("the first pause is a minute").isEqualTo(1);
        runAt(due.plusSeconds(62));
        assertThat(tries(id)).isEqualTo(2);
        runAt(due.plus(Duration.ofDays(1)));
        assertThat(invitationState(id, 1)).as("still trying after a day").isEqualTo(InvitationState.SCHEDULED);

        runAt(due.plus(Duration.ofDays(2)).plus(Duration.ofHours(2)));

        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.UNDELIVERABLE);
        assertThat(Mailbox.of(busy.email())).isEmpty();
        JsonNode undeliverable = surveyEvents(id, 1).get(0);
        assertThat(undeliverable.at("/data/reason").asText()).isEqualTo("SMTP_REFUSED");
        assertThat(undeliverable.at("/data/tries").asInt()).isEqualTo(tries(id)).isGreaterThan(2);
    }

    private int tries(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find("incidentId = ?1 and attempt = 1",
                UUID.fromString(id)).firstResult().tries);
    }
}
