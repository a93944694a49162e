package dev.amends.survey.messaging;

import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Channel;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.service.ReadModel;
import dev.amends.survey.support.SurveyTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two topics' consumers change the same incident's row at once: what one of them wrote
 * survives the other's commit, even when the other read the row before it.
 */
@QuarkusTest
class ConcurrentEventsTest extends SurveyTest {

    @Inject
    ReadModel readModel;

    @Test
    void anAcknowledgementAppliedBesideTheIncidentKeepsItsCustomer() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant reportedAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        // The row exists already, without a customer: a link to a disruption came first.
        QuarkusTransaction.requiringNew().run(() ->
                readModel.apply(new IncidentLinked(incident, UUID.randomUUID(), reportedAt)));
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch reportedCommitted = new CountDownLatch(1);
        ExecutorService cases = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> acknowledgement = CompletableFuture.runAsync(() ->
                QuarkusTransaction.requiringNew().run(() -> {
                    readModel.apply(new CaseAcknowledged(incident, "ola", 1, CaseStatus.ACKNOWLEDGED,
                            reportedAt.plus(Duration.ofMinutes(5)), true, "ola"));
                    read.countDown();
                    await(reportedCommitted);
                }), cases);
        await(read);
        QuarkusTransaction.requiringNew().run(() -> readModel.apply(new IncidentReported(incident, "webshop", null,
                Channel.EMAIL, "delivery", Severity.HIGH, false, null, reportedAt, "customer-" + incident, "en",
                Origin.COMPLAINT, null)));
        reportedCommitted.countDown();
        acknowledgement.get(30, TimeUnit.SECONDS);
        cases.shutdown();

        IncidentView view = QuarkusTransaction.requiringNew().call(() -> IncidentView.<IncidentView>findById(incident));
        assertThat(view.customerRef).as("the incident's customer").isEqualTo("customer-" + incident);
        assertThat(view.reportedAt).isEqualTo(reportedAt);
        assertThat(view.owner).as("the acknowledgement's owner").isEqualTo("ola");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
