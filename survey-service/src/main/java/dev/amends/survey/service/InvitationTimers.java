package dev.amends.survey.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Sends, reminds and expires whatever is due; every replica runs it on its own schedule. */
@ApplicationScoped
public class InvitationTimers {

    private static final Logger LOG = Logger.getLogger(InvitationTimers.class);

    private final InvitationWork work;

    public InvitationTimers(InvitationWork work) {
        this.work = work;
    }

    @Scheduled(identity = "invitation-timers", every = "${amends.survey.timers.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void runDue() {
        each(work::dueToSend, work::send, "send");
        each(work::dueToRemind, work::remind, "remind");
        boolean more = true;
        while (more) {
            more = work.expire() == work.batchSize();
        }
    }

    /**
     * Every due invitation in its own transaction. One that fails (intake or SMTP unavailable)
     * stays due for the next run; the others go on.
     */
    private void each(Supplier<List<UUID>> due, Consumer<UUID> step, String name) {
        List<UUID> ids = due.get();
        boolean progressed = true;
        while (!ids.isEmpty() && progressed) {
            int failed = 0;
            for (UUID id : ids) {
                try {
                    step.accept(id);
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warnf("invitation %s: %s failed, will retry: %s", id, name, e.toString());
                }
            }
            progressed = failed == 0 && ids.size() == work.batchSize();
            ids = progressed ? due.get() : List.of();
        }
    }
}
