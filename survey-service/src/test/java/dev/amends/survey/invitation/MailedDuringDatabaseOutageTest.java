package dev.amends.survey.invitation;

import dev.amends.local.servers.LocalPostgres;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.RefusingSmtpGate;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMTP took the invitation, then the database went away before it was recorded: once the
 * database is back it is recorded as sent, and it is not mailed a second time after the lease.
 */
@QuarkusTest
@TestProfile(MailedDuringDatabaseOutageTest.PrivateDatabase.class)
class MailedDuringDatabaseOutageTest extends SurveyTest {

    public static class PrivateDatabase implements QuarkusTestProfile, AmendsTestStack.PrivatePostgres {
    }

    @AfterEach
    void noMoreHolds() {
        System.getProperties().remove(RefusingSmtpGate.BEFORE_DELIVERY);
    }

    @Test
    void aMailDeliveredWhileTheDatabaseIsDownIsRecordedOnceItIsBackAndNotSentAgain() throws Exception {
        Customer customer = Customer.withAddressStarting(RefusingSmtpGate.HELD);
        String id = report(customer, "en", true);
        Instant due = resolve(id, "YES").plus(Duration.ofHours(1));
        awaitInvitationScheduled(id, 1);
        Path database = AmendsTestStack.privatePostgresFolder();
        // The gate stops PostgreSQL just before it hands the end of the message to the server.
        System.getProperties().put(RefusingSmtpGate.BEFORE_DELIVERY, (Runnable) () -> stopFast(database));

        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> runAt(due));
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(customer.email()).size() == 1);
        Thread.sleep(3_000); // the database stays away a while after the mail was delivered
        LocalPostgres.startAgain(database);
        // The run's later steps may fail while the database is away: what counts is what it recorded.
        sending.handle((done, failure) -> null).get();

        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.SENT);
        runAt(due.plus(Duration.ofHours(1)));
        assertThat(Mailbox.of(customer.email())).hasSize(1);
    }

    private static void stopFast(Path database) {
        try {
            LocalPostgres.stopFast(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
