package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A customer's comment on {@link Topics#COMMENTS}, keyed by its invitation id; personal data. */
public record SurveyComment(
        UUID incidentId,
        int attempt,
        UUID invitationId,
        String customerRef,
        String comment,
        Instant answeredAt) {

    public static final String SCHEMA = "/schemas/comments/amends.survey-comments.v1.json";
}
