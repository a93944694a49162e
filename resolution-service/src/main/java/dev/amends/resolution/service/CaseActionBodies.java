package dev.amends.resolution.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Cause;
import dev.amends.common.events.CompensationKind;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Verdict;
import jakarta.enterprise.context.ApplicationScoped;

/** A bulk action's change read from its validated body: the fields of the single action it stands for. */
@ApplicationScoped
public class CaseActionBodies {

    private final ObjectMapper mapper;

    public CaseActionBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public BulkAction action(String action, String body) {
        try {
            return action(action, mapper.readTree(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored case action body is not JSON", e);
        }
    }

    public BulkAction action(String action, JsonNode json) {
        return switch (action) {
            case "ACKNOWLEDGE" -> new BulkAction.Acknowledge(json.get("apology").asBoolean(), text(json, "message"));
            case "SET_OWNER" -> new BulkAction.SetOwner(json.get("owner").asText(), json.get("reason").asText());
            case "OFFER_COMPENSATION" -> new BulkAction.OfferCompensation(CompensationKind.valueOf(json.get("kind").asText()),
                    json.get("amount").decimalValue(), json.get("currency").asText(), json.get("description").asText());
            case "RESOLVE" -> new BulkAction.Resolve(Outcome.valueOf(json.get("outcome").asText()), json.get("summary").asText(),
                    Cause.valueOf(json.get("cause").asText()), Verdict.valueOf(json.get("expectedVerdict").asText()));
            default -> throw new IllegalArgumentException("no case action " + action);
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
