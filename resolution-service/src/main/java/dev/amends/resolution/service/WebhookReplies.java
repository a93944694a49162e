package dev.amends.resolution.service;

import dev.amends.common.idempotency.Answer;
import dev.amends.resolution.repository.WebhookDelivery;
import dev.amends.resolution.repository.WebhookSubscription;

/** How webhook changes answer, written by the web layer: the service decides only what to show. */
public interface WebhookReplies {

    /** The subscription; with {@code secret} only in the answer that makes or rotates it (never stored for a replay). */
    Answer subscription(int status, WebhookSubscription subscription, String secret);

    Answer delivery(WebhookDelivery delivery);
}
