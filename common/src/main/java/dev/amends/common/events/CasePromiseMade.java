package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A promise to the customer was made. */
public record CasePromiseMade(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        UUID promiseId,
        Instant dueAt,
        Instant madeAt,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_PROMISE_MADE;
    }
}
