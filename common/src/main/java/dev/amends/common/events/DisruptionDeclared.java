package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/** A failure that hit many customers was declared; keyed by disruptionId. Nullable: category, endedAt. */
public record DisruptionDeclared(
        UUID disruptionId,
        String source,
        String category,
        Severity severity,
        @JsonProperty("public") boolean isPublic,
        Instant startedAt,
        Instant endedAt,
        Instant declaredAt) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.DISRUPTION_DECLARED;
    }
}
