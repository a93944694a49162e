package dev.amends.common.events;

import java.time.Instant;

/** A customer's name, email and phone were erased; keyed by customerRef. */
public record CustomerPersonalDataErased(
        String customerRef,
        Instant erasedAt) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.CUSTOMER_PERSONAL_DATA_ERASED;
    }
}
