package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A promise was still open when it fell due. */
public record CasePromiseBroken(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        UUID promiseId,
        Instant dueAt,
        Instant brokenAt,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_PROMISE_BROKEN;
    }
}
