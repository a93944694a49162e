package dev.amends.resolution.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.amends.resolution.repository.WebhookDelivery;
import dev.amends.resolution.repository.WebhookSubscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as {@code /webhooks} answers it; {@code secret} only in the answer that
 * made or rotated it.
 */
public record WebhookView(UUID id, String url, List<String> eventTypes, String description, String state,
                          String disabledReason, Instant disabledAt, Instant createdAt, String createdBy,
                          Instant previousSecretValidUntil, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(WebhookSubscription subscription, String secret) {
        return new WebhookView(subscription.id, subscription.url, subscription.eventTypes, subscription.description,
                subscription.enabled() ? "ENABLED" : "DISABLED",
                subscription.enabled() ? null : subscription.disabledReason.name(), subscription.disabledAt,
                subscription.createdAt, subscription.createdBy, subscription.previousSecretUntil, secret);
    }

    /** One delivery in the log: where its tries stand; the last try's duration in ISO 8601. */
    public record Delivery(UUID eventId, String eventType, String state, int attempts, Integer lastStatusCode,
                           String lastError, String lastDuration, Instant lastAttemptAt, Instant nextAttemptAt,
                           Instant createdAt) {

        static Delivery of(WebhookDelivery delivery) {
            return new Delivery(delivery.eventId, delivery.eventType, delivery.state.name(), delivery.attempts,
                    delivery.lastStatusCode, delivery.lastError == null ? null : delivery.lastError.name(),
                    delivery.lastDurationMs == null ? null : Duration.ofMillis(delivery.lastDurationMs).toString(),
                    delivery.lastAttemptAt, delivery.nextAttemptAt, delivery.createdAt);
        }
    }
}
