package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** An incident as intake-service recorded it, without personal data or free text. Nullable: externalRef, category, occurredAt. */
public record IncidentReported(
        UUID incidentId,
        String source,
        String externalRef,
        Channel channel,
        String category,
        Severity severity,
        @JsonProperty("public") boolean isPublic,
        Instant occurredAt,
        Instant reportedAt,
        String customerRef,
        String locale) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.INCIDENT_REPORTED;
    }
}
