package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** An SLA clock's deadline passed. */
public record CaseSlaBreached(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        SlaClock clock,
        Instant deadline,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_SLA_BREACHED;
    }
}
