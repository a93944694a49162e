package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A lapsed customer's comment on {@link Topics#COMMENTS}, keyed by its interview id; personal data.
 * {@code attempt} is the incident's attempt when the interview was answered.
 */
public record InterviewComment(
        UUID incidentId,
        int attempt,
        UUID interviewId,
        String customerRef,
        String comment,
        Instant answeredAt) {
}
