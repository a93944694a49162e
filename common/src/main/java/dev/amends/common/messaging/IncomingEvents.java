package dev.amends.common.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads consumed CloudEvents into the contract's records. */
@ApplicationScoped
public class IncomingEvents {

    private final ObjectMapper mapper;

    public IncomingEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The event, or empty for a type this version does not know: consumers ignore unknown types
     * (and unknown fields), so producers can add them compatibly.
     */
    public Optional<CloudEvent<EventData>> parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            Optional<EventType> type = EventType.of(node.path("type").asText());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            EventData data = mapper.treeToValue(node.get("data"), type.get().dataClass());
            return Optional.of(new CloudEvent<>(node.path("specversion").asText(),
                    UUID.fromString(node.path("id").asText()), node.path("source").asText(), type.get().type(),
                    node.path("subject").asText(), Instant.parse(node.path("time").asText()),
                    node.path("datacontenttype").asText(), node.path("sequence").asText(), data));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedEventException("not a readable Amends event: " + e.getMessage(), e);
        }
    }
}
