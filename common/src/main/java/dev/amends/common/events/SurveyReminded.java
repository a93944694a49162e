package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The customer was reminded. */
public record SurveyReminded(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        Instant remindedAt) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.SURVEY_REMINDED;
    }
}
