package dev.amends.intake.service;

import dev.amends.common.domain.UnavailableException;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys.KeyCheck;
import dev.amends.common.problem.ProblemMappers;
import dev.amends.intake.config.IntakeConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for {@code POST /incidents}: request threads hand their validated report to a few
 * writer threads and wait; each writer stores everything that queued up while it was busy in one
 * transaction, and only after that commit does any of those requests get its 201. Under load one
 * commit (and one fsync) serves many requests; alone, a request is written at once. With
 * {@code amends.intake.batch.group-commit=false} each request stores its own report instead
 * (deploy/bench/group-commit-benchmark compares the two).
 */
@ApplicationScoped
public class ReportBatcher {

    private static final Logger LOG = Logger.getLogger(ReportBatcher.class);

    private final IncidentWrites writes;
    private final IntakeConfig.Batch config;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    ReportBatcher(IncidentWrites writes, IntakeConfig config, MeterRegistry registry) {
        this.writes = writes;
        this.config = config.batch();
        Gauge.builder("amends.incidents.write.queue", queue, BlockingQueue::size)
                .description("Reports waiting for a writer thread").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.groupCommit()) {
            return;
        }
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = new Thread(this::writeBatches, "incident-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Stores the report (or finds what its Idempotency-Key answered before) and returns the answer once committed. */
    Answer submit(PendingReport report) {
        if (!config.groupCommit()) {
            return answerOf(writes.storeAll(List.of(report)).get(0));
        }
        Queued queued = new Queued(report, new CompletableFuture<>());
        queue.add(queued);
        try {
            return queued.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    /** Reports waiting for a writer. */
    int queued() {
        return queue.size();
    }

    private void writeBatches() {
        List<Queued> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, config.maxSize() - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Queued> batch) {
        try {
            List<IncidentWrites.Written> written = writes.storeAll(batch.stream().map(Queued::report).toList());
            for (int i = 0; i < batch.size(); i++) {
                answer(batch.get(i), written.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() > 1 && !ProblemMappers.databaseUnavailable(e)) {
                // One report's failure (say, a key committed by another replica a moment ago) must not fail the others.
                LOG.warnf("a batch of %d reports failed (%s); writing them one by one", batch.size(), e.getMessage());
                batch.forEach(queued -> write(List.of(queued)));
            } else {
                batch.forEach(queued -> queued.answer().completeExceptionally(e));
            }
        } catch (Error e) {
            batch.forEach(queued -> queued.answer().completeExceptionally(e));
            if (!ProblemMappers.databaseUnavailable(e)) {
                throw e;
            }
            // The driver's error for a dropped connection: this writer lives on to serve the next batch.
            LOG.warnf("a batch of %d reports lost its database connection (%s)", batch.size(), e.getMessage());
        }
    }

    private static void answer(Queued queued, IncidentWrites.Written written) {
        try {
            queued.answer().complete(answerOf(written));
        } catch (RuntimeException refusal) {
            queued.answer().completeExceptionally(refusal);
        }
    }

    /** The report's 201, the stored answer its key replays, or the refusal of its key. */
    private static Answer answerOf(IncidentWrites.Written written) {
        KeyCheck check = written.check();
        if (check.refusal() != null) {
            throw check.refusal();
        }
        return check.proceed() ? written.report().created() : check.replay();
    }

    /** Requests still queued when the service stops (after the graceful shutdown period) are told to retry. */
    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(queued -> queued.answer().completeExceptionally(unavailable()));
    }

    private static UnavailableException unavailable() {
        return new UnavailableException("The service is stopping; try again shortly.");
    }

    private record Queued(PendingReport report, CompletableFuture<Answer> answer) {
    }
}
