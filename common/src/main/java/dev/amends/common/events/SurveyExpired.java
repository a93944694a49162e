package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** An invitation ended without an answer. */
public record SurveyExpired(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        ExpiryReason reason,
        Instant expiredAt) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.SURVEY_EXPIRED;
    }
}
