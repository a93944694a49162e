package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** The customer's verdict on an attempt. comment may hold personal data. Nullable: satisfaction, comparedToBefore, fairCompensation, speed, cause, comment. */
public record SurveyAnswered(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        String customerRef,
        Instant answeredAt,
        Verdict resolvedSatisfactorily,
        Integer satisfaction,
        ComparedToBefore comparedToBefore,
        Integer fairCompensation,
        Integer speed,
        CustomerCause cause,
        String comment) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.SURVEY_ANSWERED;
    }
}
