package dev.amends.resolution.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.messaging.MalformedEventException;
import dev.amends.resolution.repository.WebhookRepository;
import dev.amends.resolution.repository.WebhookRepository.PublishedEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The records of one poll, in one statement however many subscriptions there are (none: nothing
     * stored); answers how many deliveries were stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int storeAll(List<KafkaRecord<String, String>> records) {
        List<PublishedEvent> events = new ArrayList<>(records.size());
        for (KafkaRecord<String, String> record : records) {
            events.add(published(record.getPayload(), record.getTimestamp()));
        }
        return webhooks.storeAll(events, clock.instant());
    }

    private PublishedEvent published(String cloudEvent, Instant publishedAt) {
        try {
            JsonNode event = mapper.readTree(cloudEvent);
            UUID id = UUID.fromString(event.path("id").asText());
            String type = event.path("type").asText();
            if (type.isEmpty()) {
                throw new MalformedEventException("a CloudEvent without a type");
            }
            return new PublishedEvent(id, type, cloudEvent, publishedAt);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not a readable CloudEvent: " + e.getMessage(), e);
        }
    }
}
