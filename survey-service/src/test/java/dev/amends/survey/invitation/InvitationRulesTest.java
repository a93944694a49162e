package dev.amends.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.ReopenedBy;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.events.Verdict;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.support.Mailbox;
import dev.amends.survey.support.SurveyTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Delay, missing email, throttle, reminder, expiry and cancellation, with survey-service's clock set by the test. */
@QuarkusTest
class InvitationRulesTest extends SurveyTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void invitesOnceTheDelayAfterTheResolutionHasPassed() {
        Customer customer = Customer.fresh();
        String id = report(customer, "sv-SE", true);
        Instant resolvedAt = resolve(id, "YES");
        awaitInvitationScheduled(id, 1);

        runAt(resolvedAt.plus(HOUR).minusMillis(1));
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.SCHEDULED);
        assertThat(Mailbox.of(customer.email())).isEmpty();

        runAt(resolvedAt.plus(HOUR));
        runAt(resolvedAt.plus(HOUR).plusSeconds(10));
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.SENT);
        List<Mailbox.Mail> mails = Mailbox.of(customer.email());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("Löste vi ditt problem?");

        JsonNode invited = surveyEvents(id, 1).get(0);
        assertThat(invited.get("type").asText()).isEqualTo(EventType.SURVEY_INVITED.type());
        assertThat(RequestSchema.load(EventType.SURVEY_INVITED.schemaResource()).violations(invited.toString())).isEmpty();
        assertThat(invited.at("/data/locale").asText()).isEqualTo("sv");
        assertThat(invited.at("/data/expiresAt").asText())
                .isEqualTo(dev.amends.common.json.Instants.format(resolvedAt.plus(HOUR).plus(Duration.ofDays(14))));
        assertThat(invited.toString()).doesNotContain(customer.email()).doesNotContain(mails.get(0).token());
    }

    @Test
    void aCustomerWithoutEmailIsNotInvited() {
        Customer customer = Customer.fresh();
        String id = report(customer, "en", false);
        resolveAndInvite(id, "YES", "SUPPLIER");
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.NO_EMAIL);
    }

    @Test
    void aWinBackCaseIsNeverInvited() {
        UUID incident = UUID.randomUUID();
        String key = incident.toString();
        Customer customer = Customer.fresh();
        Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.INCIDENTS, key, 1, new IncidentReported(incident, "webshop", null, Channel.OTHER, "delivery",
                Severity.HIGH, false, null, reportedAt, customer.ref(), "en", Origin.WIN_BACK, null));
        publish(Topics.CASES, key, 1, new CaseOpened(incident, "system", 1, CaseStatus.OPEN, Severity.HIGH, Severity.HIGH,
                false, Channel.OTHER, "delivery", customer.ref(), reportedAt, reportedAt.plus(Duration.ofHours(1)),
                reportedAt.plus(Duration.ofDays(1)), null, Origin.WIN_BACK, null));
        publish(Topics.CASES, key, 2, new CaseResolved(incident, "per", 1, CaseStatus.RESOLVED, "per", Outcome.FIXED,
                Cause.COMPANY, Verdict.YES, reportedAt.plusSeconds(60), false));

        // The resolution is applied and the invitation decided in one transaction: none was scheduled.
        assertThat(invitationState(key, 1)).isNull();
    }

    @Test
    void aSecondIncidentOfTheSameCustomerWithinThirtyDaysIsNotInvitedButALaterAttemptIs() {
        Customer customer = Customer.fresh();
        String first = report(customer, "en", true);
        String second = report(customer, "en", true);
        Instant resolvedAt = resolve(first, "YES");
        awaitInvitationScheduled(first, 1);
        runAt(resolvedAt.plus(HOUR));
        assertThat(invitationState(first, 1)).isEqualTo(InvitationState.SENT);

        Instant secondResolvedAt = resolve(second, "YES");
        awaitInvitationScheduled(second, 1);
        runAt(secondResolvedAt.plus(HOUR).plus(DAY));
        assertThat(invitationState(second, 1)).isEqualTo(InvitationState.THROTTLED);

        // The first case is reopened and resolved again: its new attempt is invited regardless.
        reopen(first, ReopenedBy.AGENT);
        Instant again = resolve(first, "YES");
        awaitInvitationScheduled(first, 2);
        runAt(again.plus(HOUR).plus(DAY));
        assertThat(invitationState(first, 2)).isEqualTo(InvitationState.SENT);
        assertThat(Mailbox.of(customer.email())).hasSize(2);
    }

    @Test
    void theThrottleEndsThirtyDaysAfterTheLastInvitationSent() {
        Customer customer = Customer.fresh();
        String first = report(customer, "en", true);
        String second = report(customer, "en", true);
        Instant resolvedAt = resolve(first, "YES");
        awaitInvitationScheduled(first, 1);
        runAt(resolvedAt.plus(HOUR));

        resolve(second, "YES");
        awaitInvitationScheduled(second, 1);
        runAt(resolvedAt.plus(HOUR).plus(Duration.ofDays(30)).plusMillis(1));
        assertThat(invitationState(second, 1)).isEqualTo(InvitationState.SENT);
    }

    @Test
    void remindsOnceAfterThreeDaysWithTheSameLinkThenExpiresAfterFourteen() {
        Customer customer = Customer.fresh();
        String id = report(customer, "en", true);
        Instant sentAt = resolveAndInvite(id, "YES", "SUPPLIER");

        runAt(sentAt.plus(Duration.ofDays(3)).minusMillis(1));
        assertThat(Mailbox.of(customer.email())).hasSize(1);
        runAt(sentAt.plus(Duration.ofDays(3)));
        runAt(sentAt.plus(Duration.ofDays(4)));
        List<Mailbox.Mail> mails = Mailbox.of(customer.email());
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).subject()).isEqualTo("Reminder: did we solve your problem?");
        assertThat(mails.get(1).token()).isEqualTo(mails.get(0).token());

        runAt(sentAt.plus(Duration.ofDays(14)).minusMillis(1));
        given().get("/s/" + mails.get(0).token()).then().statusCode(200);
        runAt(sentAt.plus(Duration.ofDays(14)));
        assertThat(invitationState(id, 1)).isEqualTo(InvitationState.EXPIRED);
        given().get("/s/" + mails.get(0).token()).then().statusCode(410);

        List<JsonNode> events = surveyEvents(id, 3);
        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly(
                EventType.SURVEY_INVITED.type(), EventType.SURVEY_REMINDED.type(), EventType.SURVEY_EXPIRED.type());
        assertThat(events.get(2).at("/data/reason").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void aReopenBeforeTheInvitationWentOutCancelsIt() {
        Customer customer = Customer.fresh();
        String id = report(customer, "en", true);
        Instant resolvedAt = resolve(id, "YES");
        awaitInvitationScheduled(id, 1);
        reopen(id, ReopenedBy.AGENT);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> invitationState(id, 1) == InvitationState.CANCELLED);

        runAt(resolvedAt.plus(HOUR));
        assertThat(Mailbox.of(customer.email())).isEmpty();
        JsonNode cancelled = surveyEvents(id, 1).get(0);
        assertThat(cancelled.get("type").asText()).isEqualTo(EventType.SURVEY_EXPIRED.type());
        assertThat(cancelled.at("/data/reason").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void twoReplicasSendingAtOnceMailEachInvitationOnce() throws Exception {
        List<Customer> customers = List.of(Customer.fresh(), Customer.fresh(), Customer.fresh(), Customer.fresh());
        List<String> ids = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        for (Customer customer : customers) {
            String id = report(customer, "en", true);
            Instant resolvedAt = resolve(id, "YES");
            latest = resolvedAt.isAfter(latest) ? resolvedAt : latest;
            ids.add(id);
        }
        for (String id : ids) {
            awaitInvitationScheduled(id, 1);
        }
        clock.setTo(latest.plus(HOUR));
        CyclicBarrier start = new CyclicBarrier(2);
        Runnable replica = () -> {
            try {
                start.await();
                timers.runDue();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        CompletableFuture.allOf(CompletableFuture.runAsync(replica),
                CompletableFuture.runAsync(replica)).get();

        for (int i = 0; i < ids.size(); i++) {
            assertThat(invitationState(ids.get(i), 1)).isEqualTo(InvitationState.SENT);
            assertThat(Mailbox.of(customers.get(i).email())).hasSize(1);
            assertThat(surveyEvents(ids.get(i), 1)).hasSize(1);
        }
    }
}
