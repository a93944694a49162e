package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.idempotency.Answer;
import dev.amends.resolution.repository.WebhookDelivery;
import dev.amends.resolution.repository.WebhookSubscription;
import dev.amends.resolution.service.WebhookReplies;
import jakarta.enterprise.context.ApplicationScoped;

/** A new subscription answers 201 at its location; every other webhook change answers 200. */
@ApplicationScoped
public class WebhookAnswers implements WebhookReplies {

    private final ObjectMapper mapper;

    public WebhookAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Answer subscription(int status, WebhookSubscription subscription, String secret) {
        return Answer.of(mapper, status, WebhookView.of(subscription, secret),
                status == 201 ? "/webhooks/" + subscription.id : null);
    }

    @Override
    public Answer delivery(WebhookDelivery delivery) {
        return Answer.of(mapper, 200, WebhookView.Delivery.of(delivery), null);
    }
}
