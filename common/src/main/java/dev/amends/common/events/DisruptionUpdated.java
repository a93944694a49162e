package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** A disruption's end was set or changed; keyed by disruptionId. Nullable: endedAt. */
public record DisruptionUpdated(
        UUID disruptionId,
        Instant endedAt,
        Instant updatedAt) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.DISRUPTION_UPDATED;
    }
}
