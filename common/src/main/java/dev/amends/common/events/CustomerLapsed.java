package dev.amends.common.events;

import java.time.Instant;

/** A customer stopped buying, as another system judged it (contract section 9); keyed by customerRef. */
public record CustomerLapsed(
        String customerRef,
        Instant lapsedAt,
        ValueTier valueTier) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.CUSTOMER_LAPSED;
    }
}
