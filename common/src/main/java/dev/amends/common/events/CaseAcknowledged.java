package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The customer got a first answer. */
public record CaseAcknowledged(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        Instant acknowledgedAt,
        boolean apology,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_ACKNOWLEDGED;
    }
}
