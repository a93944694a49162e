package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident as intake-service recorded it, without personal data or free text. Nullable:
 * externalRef, category, occurredAt, disruptionId. {@code origin} and {@code disruptionId} were added
 * later: absent in older events, which means {@code COMPLAINT} and none.
 */
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
        String locale,
        Origin origin,
        UUID disruptionId) implements IncidentEvent {

    /** Older events carry no origin: they were all complaints. */
    public IncidentReported {
        origin = origin == null ? Origin.COMPLAINT : origin;
    }

    /** A complaint that names no disruption. */
    public IncidentReported(UUID incidentId, String source, String externalRef, Channel channel, String category,
                            Severity severity, boolean isPublic, Instant occurredAt, Instant reportedAt,
                            String customerRef, String locale) {
        this(incidentId, source, externalRef, channel, category, severity, isPublic, occurredAt, reportedAt,
                customerRef, locale, Origin.COMPLAINT, null);
    }

    @Override
    public EventType eventType() {
        return EventType.INCIDENT_REPORTED;
    }
}
