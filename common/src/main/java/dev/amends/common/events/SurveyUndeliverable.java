package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** An invitation that could not be delivered, after {@code tries} tries: it will not be sent. */
public record SurveyUndeliverable(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        String customerRef,
        UndeliverableReason reason,
        Instant failedAt,
        int tries) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.SURVEY_UNDELIVERABLE;
    }
}
