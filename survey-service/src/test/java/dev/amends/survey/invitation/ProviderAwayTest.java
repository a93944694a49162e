package dev.amends.survey.invitation;

import dev.amends.local.AmendsRealm;
import dev.amends.local.servers.LocalKeycloak;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * survey-service's own token comes from the identity provider (client-credentials grant): with the
 * provider away, the contact look-up fails as a passing failure and is tried again (never "no
 * contact"), and the mail goes out once the provider is back, with no restart.
 */
@QuarkusTest
@TestProfile(ProviderAwayTest.WithoutAToken.class)
class ProviderAwayTest extends SurveyTest {

    /** A service of its own: it has asked for no token before the provider goes away. */
    public static class WithoutAToken implements QuarkusTestProfile {
    }

    @Test
    void withTheProviderAwayTheLookUpIsTriedAgainAndTheMailGoesOutOnceItIsBack() throws Exception {
        Customer customer = Customer.fresh();
        String caseId = report(customer, "en", true);
        Instant due = resolve(caseId, "YES").plus(Duration.ofHours(1));
        awaitInvitationScheduled(caseId, 1);

        LocalKeycloak keycloak = AmendsTestStack.realm().keycloak();
        keycloak.stop();
        Invitation tried;
        try {
            runAt(due.plusSeconds(5));
            tried = invitation(caseId);
        } finally {
            keycloak.startAgain();
            keycloak.awaitRealm(AmendsRealm.NAME, Duration.ofMinutes(3));
        }
        assertThat(tried.state).as("tried again later, not undeliverable").isEqualTo(InvitationState.SCHEDULED);
        assertThat(tried.tries).isEqualTo(1);
        assertThat(tried.nextTryAt).isAfter(due);
        assertThat(Mailbox.of(customer.email())).isEmpty();

        runAt(tried.nextTryAt);
        assertThat(invitationState(caseId, 1)).isEqualTo(InvitationState.SENT);
        assertThat(Mailbox.of(customer.email())).hasSize(1);
    }

    private static Invitation invitation(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find("incidentId = ?1 and attempt = 1",
                UUID.fromString(incidentId)).firstResult());
    }
}
