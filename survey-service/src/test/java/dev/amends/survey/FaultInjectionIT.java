package dev.amends.survey;

import dev.amends.local.FaultInjection;
import dev.amends.local.LocalStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection run in its reduced form, on the three packaged services: while incidents
 * arrive, the broker, each service and PostgreSQL go down and come back; nothing acknowledged is
 * lost or duplicated (deploy/faults/fault-injection runs the longer form).
 */
class FaultInjectionIT {

    @Test
    void noAcknowledgedIncidentIsLostOrDuplicatedWhileEverythingFailsInTurn() throws Exception {
        Path repository = Path.of(System.getProperty("amends.repository", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("amends-faults");
        FaultInjection.Report report = FaultInjection.run(repository, data, FaultInjection.Plan.reduced());
        System.out.println(report.describe());

        assertThat(report.problems()).isEmpty();
        assertThat(report.acknowledged()).isPositive();
        assertThat(report.incidentsWithOneEventId()).isEqualTo(report.incidentRows());
        assertThat(report.cases()).isEqualTo(report.incidentRows());
        assertThat(report.unavailableWithRetryAfter() + report.connectionFailures())
                .as("the faults were felt by the client").isPositive();
        assertThat(report.readinessFollowedDatabase()).isTrue();
        LocalStack.wipe(data); // only after a pass: a failed run keeps its service logs there
    }
}
