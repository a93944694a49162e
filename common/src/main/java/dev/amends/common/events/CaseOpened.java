package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A case opened for a reported incident. Nullable: category. */
public record CaseOpened(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        Severity severity,
        Severity effectiveSeverity,
        @JsonProperty("public") boolean isPublic,
        Channel channel,
        String category,
        String customerRef,
        Instant reportedAt,
        Instant acknowledgeBy,
        Instant resolveBy,
        String owner) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.CASE_OPENED;
    }
}
