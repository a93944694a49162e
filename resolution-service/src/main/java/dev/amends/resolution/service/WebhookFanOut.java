package dev.amends.resolution.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.messaging.MalformedEventException;
import dev.amends.resolution.repository.WebhookRepository;
import dev.amends.resolution.repository.WebhookRepository.PublishedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * An event read from a topic becomes one stored delivery per subscription of its type, the
 * CloudEvent's text kept exactly as Kafka carried it. Repeats add nothing: the event id is part of
 * each delivery's key, so the de-duplication is the insert itself, in the consumer's transaction.
 */
@ApplicationScoped
public class WebhookFanOut {

    private final WebhookRepository webhooks;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookFanOut(WebhookRepository webhooks, ObjectMapper mapper, Clock clock) {
        this.webhooks = webhooks;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void store(String cloudEvent, Instant publishedAt) {
        try {
            JsonNode event = mapper.readTree(cloudEvent);
            UUID id = UUID.fromString(event.path("id").asText());
            String type = event.path("type").asText();
            if (type.isEmpty()) {
                throw new MalformedEventException("a CloudEvent without a type");
            }
            webhooks.store(new PublishedEvent(id, type, cloudEvent, publishedAt), clock.instant());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not a readable CloudEvent: " + e.getMessage(), e);
        }
    }
}
