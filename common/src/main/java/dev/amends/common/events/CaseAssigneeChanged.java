package dev.amends.common.events;

import java.util.UUID;

/** Whoever works on the case now changed. Nullable: assignee, previousAssignee. */
public record CaseAssigneeChanged(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        String assignee,
        String previousAssignee,
        String owner) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_ASSIGNEE_CHANGED;
    }
}
