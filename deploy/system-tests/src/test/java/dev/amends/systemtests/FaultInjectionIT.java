package dev.amends.systemtests;

import dev.amends.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection run in its reduced form, on two replicas of each packaged service: while
 * incidents arrive and an agent works some cases, the broker, one replica of each service and
 * PostgreSQL go down and come back; nothing acknowledged is lost or duplicated, no scheduled work
 * (SLA, promises, invitations, mails at a real SMTP server) is done twice or not at all
 * (deploy/faults/fault-injection runs the longer form).
 */
@Order(Integer.MAX_VALUE)
class FaultInjectionIT {

    /** The faults are injected into a stack of their own, with nothing else running beside it. */
    @BeforeAll
    static void stopTheSharedStack() {
        SystemStack.stop();
    }

    @Test
    void noAcknowledgedIncidentIsLostOrDuplicatedAndNoScheduledWorkDoneTwiceWhileEverythingFailsInTurn() throws Exception {
        Path repository = Path.of(System.getProperty("amends.repository", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("amends-faults");
        FaultInjection.Report report = FaultInjection.run(repository, data, FaultInjection.Plan.reduced());
        System.out.println(report.describe());

        assertThat(report.problems()).isEmpty();
        assertThat(report.acknowledged()).isPositive();
        assertThat(report.incidentsWithOneEventId()).isEqualTo(report.incidentRows());
        assertThat(report.cases()).isEqualTo(report.incidentRows());
        assertThat(report.webhooks().expected()).as("case.opened events for the webhook").isEqualTo(report.cases());
        assertThat(report.unavailableWithRetryAfter() + report.connectionFailures())
                .as("the faults were felt by the client").isPositive();
        assertThat(report.readinessFollowedDatabase()).isTrue();
        FaultInjection.ScheduledWork scheduled = report.scheduled();
        assertThat(scheduled.casesResolvedByTheAgent()).as("cases resolved").isPositive();
        assertThat(scheduled.mails()).as("one mail per resolved case").isEqualTo(scheduled.casesResolvedByTheAgent());
        assertThat(scheduled.invitations()).isEqualTo(scheduled.casesResolvedByTheAgent());
        assertThat(scheduled.promisesBroken()).as("promises broken").isEqualTo(scheduled.casesWithAPromise()).isPositive();
        assertThat(scheduled.slaBreaches()).isPositive();
        assertThat(scheduled.eventsTwice() + scheduled.mailsTwice()).isZero();
        assertThat(report.groupsBefore()).as("both services' consumer groups").containsKeys("resolution-service", "survey-service");
        assertThat(report.groupsRebalanced()).isTrue();
        LocalStack.wipe(data); // only after a pass: a failed run keeps its service logs there
    }
}
