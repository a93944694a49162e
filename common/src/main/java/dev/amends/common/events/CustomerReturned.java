package dev.amends.common.events;

import java.time.Instant;

/** A lapsed customer came back, as another system judged it (contract section 9); keyed by customerRef. */
public record CustomerReturned(
        String customerRef,
        Instant returnedAt) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.CUSTOMER_RETURNED;
    }
}
