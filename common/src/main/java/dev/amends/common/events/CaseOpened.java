package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A case opened for a reported incident. Nullable: category, owner, disruptionId. {@code origin} and
 * {@code disruptionId} were added later: absent in older events, which means {@code COMPLAINT} and none.
 */
public record CaseOpened(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        Severity severity,
        Severity effectiveSeverity,
        @JsonProperty("public") boolean isPublic,
        Channel channel,
        String category,
        String customerRef,
        Instant reportedAt,
        Instant acknowledgeBy,
        Instant resolveBy,
        String owner,
        Origin origin,
        UUID disruptionId) implements IncidentEvent {

    /** Older events carry no origin: they were all complaints. */
    public CaseOpened {
        origin = origin == null ? Origin.COMPLAINT : origin;
    }

    /** The case of a complaint that names no disruption. */
    public CaseOpened(UUID incidentId, String actor, int attempt, CaseStatus status, Severity severity,
                      Severity effectiveSeverity, boolean isPublic, Channel channel, String category, String customerRef,
                      Instant reportedAt, Instant acknowledgeBy, Instant resolveBy, String owner) {
        this(incidentId, actor, attempt, status, severity, effectiveSeverity, isPublic, channel, category, customerRef,
                reportedAt, acknowledgeBy, resolveBy, owner, Origin.COMPLAINT, null);
    }

    @Override
    public EventType eventType() {
        return EventType.CASE_OPENED;
    }
}
