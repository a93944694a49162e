package dev.amends.common.events;

import java.util.UUID;

/** The accountable owner changed. Nullable: previousOwner. */
public record CaseOwnerChanged(
        UUID incidentId,
        String actor,
        int attempt,
        CaseStatus status,
        String owner,
        String previousOwner,
        int ownerChanges) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.CASE_OWNER_CHANGED;
    }
}
