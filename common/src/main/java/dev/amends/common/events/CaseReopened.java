package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The case was reopened: a new attempt starts. */
public record CaseReopened(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        Instant reopenedAt,
        ReopenedBy by,
        Instant resolveBy,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_REOPENED;
    }
}
