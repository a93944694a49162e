package dev.amends.common.events;

import java.util.UUID;

/** A status transition without an event of its own. */
public record CaseStatusChanged(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        CaseStatus from,
        CaseStatus to,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_STATUS_CHANGED;
    }
}
