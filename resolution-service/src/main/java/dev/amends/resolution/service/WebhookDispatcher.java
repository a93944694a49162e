package dev.amends.resolution.service;

import dev.amends.resolution.client.TryResult;
import dev.amends.resolution.client.WebhookSender;
import dev.amends.resolution.config.WebhookConfig;
import dev.amends.resolution.repository.WebhookDelivery;
import dev.amends.resolution.repository.WebhookRepository;
import dev.amends.resolution.repository.WebhookRepository.DueDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each replica's sending loop: takes the due deliveries (waking when this replica stored new ones
 * or a try ended, else every poll interval), resolves and checks each receiver's address, signs
 * and posts without waiting for the answer, and records the outcome. Tries run concurrently, at
 * most a subscription's lanes each, so a receiver that never answers holds up only itself.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int RECORDED_AT_ONCE = 200;

    private final WebhookRepository webhooks;
    private final WebhookOutcomes outcomes;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final DestinationRule rule;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    // Resolving names blocks: it runs here, never on the event loop.
    private final ExecutorService resolvers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "webhook-resolver");
        thread.setDaemon(true);
        return thread;
    });
    /** Tries that ended, recorded together: one transaction for many outcomes. */
    private final BlockingQueue<WebhookOutcomes.Finished> finished = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread loop;
    private Thread recorder;

    public WebhookDispatcher(WebhookRepository webhooks, WebhookOutcomes outcomes, WebhookSender sender,
                             WebhookConfig config, Clock clock) {
        this.webhooks = webhooks;
        this.outcomes = outcomes;
        this.sender = sender;
        this.config = config;
        this.rule = new DestinationRule(config.allowPrivate());
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
        recorder = new Thread(this::recordOutcomes, "webhook-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    /** Stops taking deliveries and gives those in flight the timeout to end; any left are tried again after their lease. */
    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        wake();
        loop.join(config.timeout().toMillis());
        resolvers.shutdown();
        long until = System.nanoTime() + config.timeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        recorder.interrupt();
        recorder.join(config.timeout().toMillis());
    }

    /** Something may be due now: new deliveries stored, a try ended, a retry asked for. */
    public void wake() {
        wakeUps.release();
    }

    @Scheduled(identity = "webhook-deliveries-purge", every = "1h", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeOld() {
        webhooks.purgeCreatedBefore(clock.instant().minus(config.keep()));
    }

    private void run() {
        while (running) {
            int free = config.inFlight() - inFlight.get();
            List<DueDelivery> due = List.of();
            try {
                if (free > 0) {
                    Instant now = clock.instant();
                    due = webhooks.claimDue(now, now.plus(config.lease()), config.lanesPerSubscription(), free);
                    due.forEach(this::start);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Due webhook deliveries not taken, trying again in %s: %s", config.poll(), e.getMessage());
            }
            if (due.isEmpty() || due.size() == free) {
                awaitWakeUp();
            }
        }
    }

    private void awaitWakeUp() {
        try {
            wakeUps.tryAcquire(config.poll().toMillis(), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void start(DueDelivery delivery) {
        inFlight.incrementAndGet();
        resolvers.execute(() -> {
            try {
                post(delivery);
            } catch (RuntimeException e) {
                // Whatever went wrong, the try ends as failed: its lane and its count are given back.
                finish(delivery, TryResult.failed(WebhookDelivery.Failure.CONNECTION_FAILED, Duration.ZERO));
            }
        });
    }

    /** Resolves the receiver's host, checks the address, signs and posts; the outcome comes when it answers. */
    private void post(DueDelivery delivery) {
        URI url = URI.create(delivery.url());
        InetAddress address;
        try {
            address = rule.connectable(InetAddress.getAllByName(url.getHost())).orElse(null);
        } catch (UnknownHostException e) {
            finish(delivery, TryResult.failed(WebhookDelivery.Failure.CONNECTION_FAILED, Duration.ZERO));
            return;
        }
        if (address == null) {
            finish(delivery, TryResult.failed(WebhookDelivery.Failure.PRIVATE_ADDRESS, Duration.ZERO));
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        String id = delivery.eventId().toString();
        sender.post(url, address, Map.of(
                        "Content-Type", "application/cloudevents+json",
                        "webhook-id", id,
                        "webhook-timestamp", Long.toString(timestamp),
                        "webhook-signature", WebhookSignature.header(delivery.secrets(), id, timestamp, delivery.payload())),
                delivery.payload()).thenAccept(result -> finish(delivery, result));
    }

    private void finish(DueDelivery delivery, TryResult result) {
        finished.add(new WebhookOutcomes.Finished(delivery.subscriptionId(), delivery.eventId(), result));
    }

    /** Until stopped (and the tries in flight ended): waits for outcomes and records what came meanwhile, in one go. */
    private void recordOutcomes() {
        List<WebhookOutcomes.Finished> batch = new ArrayList<>();
        while (running || inFlight.get() > 0) {
            try {
                WebhookOutcomes.Finished first = finished.poll(config.poll().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                finished.drainTo(batch, RECORDED_AT_ONCE - 1);
                record(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                inFlight.addAndGet(-batch.size());
                batch.clear();
                wake();
            }
        }
    }

    private void record(List<WebhookOutcomes.Finished> batch) {
        try {
            outcomes.recordAll(batch);
        } catch (RuntimeException e) {
            // The leases run out and those deliveries are tried again: at least once.
            LOG.warnf("Outcomes of %d webhook tries not recorded: %s", batch.size(), e.getMessage());
        }
    }
}
