package dev.amends.common.events;

import java.time.Instant;
import java.util.UUID;

/** An agent started reaching out to a disruption's silent customers; keyed by disruptionId. */
public record DisruptionOutreachStarted(
        UUID disruptionId,
        Instant startedAt,
        long toReach,
        String by) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.DISRUPTION_OUTREACH_STARTED;
    }
}
