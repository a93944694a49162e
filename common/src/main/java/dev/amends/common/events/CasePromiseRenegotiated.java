package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A promise got a new due time, agreed with the customer. */
public record CasePromiseRenegotiated(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        UUID promiseId,
        Instant previousDueAt,
        Instant dueAt,
        int renegotiations,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_PROMISE_RENEGOTIATED;
    }
}
