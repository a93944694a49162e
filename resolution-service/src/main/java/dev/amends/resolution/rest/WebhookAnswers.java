package dev.amends.resolution.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        return new Answer(status, json(WebhookView.of(subscription, secret)),
                status == 201 ? "/webhooks/" + subscription.id : null, false);
    }

    @Override
    public Answer delivery(WebhookDelivery delivery) {
        return new Answer(200, json(WebhookView.Delivery.of(delivery)), null, false);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
