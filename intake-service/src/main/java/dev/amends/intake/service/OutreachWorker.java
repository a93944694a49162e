package dev.amends.intake.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Works every running outreach run, on every replica: each takes the next chunk of customers no
 * other replica holds, so a run goes on (and finishes) whichever replicas are up.
 */
@ApplicationScoped
public class OutreachWorker {

    private static final Logger LOG = Logger.getLogger(OutreachWorker.class);

    private final OutreachRuns runs;
    private volatile boolean stopping;

    public OutreachWorker(OutreachRuns runs) {
        this.runs = runs;
    }

    @Scheduled(identity = "outreach", every = "${amends.intake.outreach.poll:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void work() {
        for (UUID run : runs.running()) {
            try {
                while (!stopping && runs.reachNext(run)) {
                    // the next chunk
                }
            } catch (RuntimeException e) {
                // The chunk rolled back; its customers are claimed again at the next tick.
                LOG.warnf("outreach run %s: a chunk failed (%s); trying again shortly", run, e.getMessage());
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }
}
