package dev.amends.survey.service;

import dev.amends.survey.repository.RecoveryRollups;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Counts into the rollup the incidents read before it existed, in the background after startup,
 * a batch per transaction. Refreshing is idempotent and locks each incident, so two replicas doing
 * this at once, or the consumers meanwhile, count nothing twice.
 */
@ApplicationScoped
public class RollupBackfill {

    private static final Logger LOG = Logger.getLogger(RollupBackfill.class);
    private static final int BATCH = 200;

    private final RecoveryRollups rollups;
    private final ManagedExecutor executor;

    public RollupBackfill(RecoveryRollups rollups, ManagedExecutor executor) {
        this.rollups = rollups;
        this.executor = executor;
    }

    void start(@Observes StartupEvent startup) {
        executor.runAsync(this::countEveryIncident).exceptionally(failure -> {
            LOG.warnf("the recovery rollup's backfill stopped (%s); it goes on at the next start", failure.getMessage());
            return null;
        });
    }

    private void countEveryIncident() {
        long counted = 0;
        while (true) {
            List<UUID> batch = QuarkusTransaction.requiringNew().call(() -> {
                List<UUID> ids = rollups.notCounted(BATCH);
                ids.forEach(rollups::refresh);
                return ids;
            });
            counted += batch.size();
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (counted > 0) {
            LOG.infof("counted %d incidents read before the recovery rollup into it", counted);
        }
    }
}
