package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The customer asked for no more surveys, through the mail of this invitation; published once per customerRef. */
public record SurveyOptedOut(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        String customerRef,
        Instant optedOutAt) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.SURVEY_OPTED_OUT;
    }
}
