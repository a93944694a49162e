package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A lapsed customer was mailed an exit interview about their latest incident before the lapse; keyed by that incident. */
public record InterviewInvited(
        UUID interviewId,
        String customerRef,
        UUID incidentId,
        Instant sentAt,
        Instant expiresAt,
        String locale) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.INTERVIEW_INVITED;
    }
}
