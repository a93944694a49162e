package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** 75% of an SLA clock's time has passed. */
public record CaseSlaWarning(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        SlaClock clock,
        Instant deadline,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_SLA_WARNING;
    }
}
