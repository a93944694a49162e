package dev.amends.survey.service;

import dev.amends.survey.repository.RecoveryRollups;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the incidents the consumers marked into the recovery rollup, a batch per transaction,
 * until none is left. Many incidents in one catch-up cost far less than one each in the
 * consumers' transactions; replicas side by side skip each other's marks.
 */
@ApplicationScoped
public class RollupWorker {

    private static final int BATCH = 1000;

    private final RecoveryRollups rollups;

    public RollupWorker(RecoveryRollups rollups) {
        this.rollups = rollups;
    }

    @Scheduled(identity = "rollup-catch-up", every = "${amends.survey.rollup.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void catchUp() {
        int claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(() -> rollups.catchUp(BATCH, false));
        } while (claimed == BATCH);
    }
}
