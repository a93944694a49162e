package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A resolution attempt was recorded. */
public record CaseResolved(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        String owner,
        Outcome outcome,
        Cause cause,
        Verdict expectedVerdict,
        Instant resolvedAt,
        boolean compensationOffered) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_RESOLVED;
    }
}
