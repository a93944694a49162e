package dev.amends.resolution.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/** Works every running bulk case action, chunk by chunk, on every replica (they take turns on each action). */
@ApplicationScoped
public class CaseActionWorker {

    private static final Logger LOG = Logger.getLogger(CaseActionWorker.class);

    private final CaseActions actions;
    private volatile boolean stopping;

    public CaseActionWorker(CaseActions actions) {
        this.actions = actions;
    }

    @Scheduled(identity = "case-actions", every = "${amends.resolution.case-actions.poll:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void work() {
        for (UUID action : actions.running()) {
            try {
                while (!stopping && actions.workNext(action)) {
                    Thread.onSpinWait();
                }
            } catch (RuntimeException e) {
                // Its cases one by one failed too (the database away, say): the next tick takes the chunk again.
                LOG.warnf("case action %s: a chunk could not be worked (%s); trying again shortly", action, e.getMessage());
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }
}
