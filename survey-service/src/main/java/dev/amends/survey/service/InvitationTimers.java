package dev.amends.survey.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Sends, reminds and expires whatever is due; every replica runs it on its own schedule. */
@ApplicationScoped
public class InvitationTimers {

    private static final Logger LOG = Logger.getLogger(InvitationTimers.class);

    private final InvitationWork work;
    private final InvitationDelivery delivery;

    public InvitationTimers(InvitationWork work, InvitationDelivery delivery) {
        this.work = work;
        this.delivery = delivery;
    }

    @Scheduled(identity = "invitation-timers", every = "${amends.survey.timers.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void runDue() {
        each(work::dueToSend, delivery::send, "send");
        each(work::dueToRemind, delivery::remind, "remind");
        boolean more = true;
        while (more) {
            more = work.expire() == work.batchSize();
        }
    }

    /**
     * Every due invitation in turn, batch after batch, until none is due. A failed one has been
     * given its next try (or ended) by the delivery, so it is not due again in this run and
     * never holds back the others; one that failed unexpectedly is left for the next run.
     */
    private void each(Supplier<List<UUID>> due, Consumer<UUID> step, String name) {
        Set<UUID> tried = new HashSet<>();
        List<UUID> ids = due.get();
        while (!ids.isEmpty()) {
            boolean progressed = false;
            for (UUID id : ids) {
                if (!tried.add(id)) {
                    continue;
                }
                progressed = true;
                try {
                    step.accept(id);
                } catch (RuntimeException e) {
                    LOG.warnf("invitation %s: %s failed, will retry: %s", id, name, e.toString());
                }
            }
            ids = progressed && ids.size() == work.batchSize() ? due.get() : List.of();
        }
    }
}
