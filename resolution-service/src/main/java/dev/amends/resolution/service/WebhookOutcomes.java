package dev.amends.resolution.service;

import dev.amends.resolution.client.TryResult;
import dev.amends.resolution.config.WebhookConfig;
import dev.amends.resolution.repository.WebhookDelivery;
import dev.amends.resolution.repository.WebhookRepository;
import dev.amends.resolution.repository.WebhookSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a try's result does: 2xx delivers; 410 fails the delivery and disables the subscription;
 * anything else waits for the next try of the schedule, or fails the delivery after the last. A
 * subscription whose failures have lasted the configured days with no success is disabled.
 */
@ApplicationScoped
public class WebhookOutcomes {

    private final WebhookRepository webhooks;
    private final RetrySchedule schedule;
    private final WebhookConfig config;
    private final Clock clock;

    public WebhookOutcomes(WebhookRepository webhooks, WebhookConfig config, Clock clock) {
        this.webhooks = webhooks;
        this.schedule = new RetrySchedule(config.retries());
        this.config = config;
        this.clock = clock;
    }

    /** A try that ended: which delivery, and how it went. */
    public record Finished(UUID subscriptionId, UUID eventId, TryResult result) {
    }

    /**
     * Records the outcomes of tries in one transaction. Their subscriptions are locked first, in id
     * order, as every change of a subscription locks it: outcomes and admin changes take turns, and
     * two replicas' batches never deadlock.
     */
    @Transactional
    public void recordAll(List<Finished> finished) {
        Instant now = clock.instant();
        Map<UUID, Optional<WebhookSubscription>> subscriptions = new TreeMap<>();
        finished.stream().map(Finished::subscriptionId).sorted(Comparator.naturalOrder())
                .forEach(id -> subscriptions.computeIfAbsent(id, webhooks::lock));
        for (Finished each : finished) {
            WebhookSubscription subscription = subscriptions.get(each.subscriptionId()).orElse(null);
            WebhookDelivery delivery = webhooks.lockDelivery(each.subscriptionId(), each.eventId()).orElse(null);
            if (subscription != null && delivery != null) { // else deleted while it was being tried
                record(subscription, delivery, each.result(), now);
            }
        }
    }

    private void record(WebhookSubscription subscription, WebhookDelivery delivery, TryResult result, Instant now) {
        delivery.attempts++;
        delivery.roundAttempts++;
        delivery.lastStatusCode = result.statusCode();
        delivery.lastError = result.error();
        delivery.lastDurationMs = result.duration().toMillis();
        delivery.lastAttemptAt = now;
        delivery.leasedUntil = null;
        if (result.delivered()) {
            delivery.state = WebhookDelivery.State.DELIVERED;
            delivery.nextAttemptAt = null;
            subscription.failingSince = null;
            return;
        }
        if (result.gone()) {
            delivery.state = WebhookDelivery.State.FAILED;
            delivery.nextAttemptAt = null;
            if (subscription.enabled()) {
                subscription.disable(WebhookSubscription.DisabledReason.GONE, now);
            }
            return;
        }
        var next = schedule.next(delivery.roundAttempts, now, result.retryAfter());
        delivery.state = next.isPresent() ? WebhookDelivery.State.PENDING : WebhookDelivery.State.FAILED;
        delivery.nextAttemptAt = next.orElse(null);
        if (subscription.failingSince == null) {
            subscription.failingSince = now;
        } else if (subscription.enabled() && !subscription.failingSince.plus(config.disableAfter()).isAfter(now)) {
            subscription.disable(WebhookSubscription.DisabledReason.FAILING, now);
        }
    }
}
