package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** An earlier complaint was linked to a disruption when its customer was added to the affected list; keyed by incidentId. */
public record IncidentLinked(
        UUID incidentId,
        UUID disruptionId,
        Instant linkedAt) implements IncidentEvent {

    @Override
    public EventType eventType() {
        return EventType.INCIDENT_LINKED;
    }
}
