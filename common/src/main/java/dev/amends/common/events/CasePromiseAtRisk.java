package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** 75% of a promise's time has passed and it is still open. */
public record CasePromiseAtRisk(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        UUID promiseId,
        Instant dueAt,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_PROMISE_AT_RISK;
    }
}
