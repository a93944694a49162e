package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The customer was invited to answer the survey of an attempt. */
public record SurveyInvited(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        String customerRef,
        Instant sentAt,
        Instant expiresAt,
        String locale) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.SURVEY_INVITED;
    }
}
