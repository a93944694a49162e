package dev.amends.resolution.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.IntSupplier;

/** Runs every time rule until nothing is due; each replica runs it on its own schedule. */
@ApplicationScoped
public class CaseTimers {

    private final DueChecks checks;

    public CaseTimers(DueChecks checks) {
        this.checks = checks;
    }

    @Scheduled(identity = "case-timers", every = "${amends.resolution.timers.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void runDue() {
        untilDone(checks::slaClocks);
        untilDone(checks::promises);
        untilDone(checks::autoClose);
    }

    /** A full batch may mean more is due: take the next one. */
    private void untilDone(IntSupplier batch) {
        boolean more = true;
        while (more) {
            more = batch.getAsInt() == checks.batchSize();
        }
    }
}
