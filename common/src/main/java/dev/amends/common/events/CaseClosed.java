package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The case closed. */
public record CaseClosed(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        Instant closedAt,
        ClosedBy by,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_CLOSED;
    }
}
