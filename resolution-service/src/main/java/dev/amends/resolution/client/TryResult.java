package dev.amends.resolution.client;

import dev.amends.resolution.repository.WebhookDelivery;

import java.time.Duration;

/**
 * How one try of a delivery went: the receiver's status code (null if it gave none, then
 * {@code error} says why), the {@code Retry-After} of a 429 or 503, and how long it took.
 */
public record TryResult(Integer statusCode, Duration retryAfter, WebhookDelivery.Failure error, Duration duration) {

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    public static TryResult failed(WebhookDelivery.Failure error, Duration duration) {
        return new TryResult(null, null, error, duration);
    }
}
