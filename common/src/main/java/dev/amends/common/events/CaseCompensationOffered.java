package dev.amends.common.events;

import java.math.BigDecimal;
import java.util.UUID;

/** Compensation was offered to the customer. */
public record CaseCompensationOffered(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        UUID compensationId,
        CompensationKind kind,
        BigDecimal amount,
        String currency,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_COMPENSATION_OFFERED;
    }
}
