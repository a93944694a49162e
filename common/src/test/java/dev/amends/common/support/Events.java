package dev.amends.common.support;

import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseStatus;

import java.time.Instant;
import java.util.UUID;

/** The event data common's tests write and consume. */
public final class Events {

    public static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    private Events() {
    }

    public static CaseAcknowledged acknowledged(UUID incident, String actor) {
        return new CaseAcknowledged(incident, actor, 1, CaseStatus.ACKNOWLEDGED, AT, true, actor);
    }
}
