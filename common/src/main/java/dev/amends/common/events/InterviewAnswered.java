package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A lapsed customer's answer to the exit interview. The words travel on the comments topic alone:
 * here only whether there are any. Nullable: incidentWeight.
 */
public record InterviewAnswered(
        UUID interviewId,
        String customerRef,
        UUID incidentId,
        Instant answeredAt,
        LapseReason reason,
        Integer incidentWeight,
        boolean mayContact,
        boolean hasComment) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.INTERVIEW_ANSWERED;
    }
}
