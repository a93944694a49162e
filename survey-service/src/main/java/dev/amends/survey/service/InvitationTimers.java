package dev.amends.survey.service;

import dev.amends.survey.config.SurveyConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Sends, reminds and expires whatever invitations and interviews are due; every replica runs it on its own schedule. */
@ApplicationScoped
public class InvitationTimers {

    private static final Logger LOG = Logger.getLogger(InvitationTimers.class);

    private final InvitationWork work;
    private final InterviewWork interviews;
    private final InvitationDelivery delivery;
    private final ExecutorService senders;

    public InvitationTimers(InvitationWork work, InterviewWork interviews, InvitationDelivery delivery,
                            SurveyConfig config) {
        this.work = work;
        this.interviews = interviews;
        this.delivery = delivery;
        this.senders = Executors.newFixedThreadPool(config.timers().senders(), runnable -> {
            Thread thread = new Thread(runnable, "survey-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @Scheduled(identity = "invitation-timers", every = "${amends.survey.timers.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void runDue() {
        each(work::dueToSend, delivery::send, "send");
        each(work::dueToRemind, delivery::remind, "remind");
        each(interviews::dueToSend, delivery::sendInterview, "interview");
        expireAll(work::expire);
        expireAll(interviews::expire);
    }

    private void expireAll(IntSupplier expireBatch) {
        boolean more = true;
        while (more) {
            more = expireBatch.getAsInt() == work.batchSize();
        }
    }

    /**
     * Every due invitation, batch after batch, until none is due; the invitations of a batch are
     * mailed by a few senders at once, each claimed on its own, so a slow SMTP conversation or
     * intake look-up holds back no other. A failed one has been given its next try (or ended) by
     * the delivery, so it is not due again in this run; one that failed unexpectedly is left for
     * the next run.
     */
    private void each(Supplier<List<UUID>> due, Consumer<UUID> step, String name) {
        Set<UUID> tried = new HashSet<>();
        List<UUID> ids = due.get();
        while (!ids.isEmpty()) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (UUID id : ids) {
                if (tried.add(id)) {
                    batch.add(CompletableFuture.runAsync(() -> attempt(step, id, name), senders));
                }
            }
            boolean progressed = !batch.isEmpty();
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
            ids = progressed && ids.size() == work.batchSize() ? due.get() : List.of();
        }
    }

    private static void attempt(Consumer<UUID> step, UUID id, String name) {
        try {
            step.accept(id);
        } catch (RuntimeException e) {
            LOG.warnf("%s %s failed, will retry: %s", name, id, e.toString());
        }
    }
}
