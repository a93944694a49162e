package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A promise was kept. */
public record CasePromiseKept(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        UUID promiseId,
        Instant keptAt,
        Instant dueAt,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_PROMISE_KEPT;
    }
}
