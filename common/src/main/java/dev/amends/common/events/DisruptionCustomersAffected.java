package dev.amends.common.events;

import java.util.List;
import java.util.UUID;

/**
 * Customers were added to a disruption's affected list: at most {@link #MAX_REFS} of them per event,
 * so one large list is several events; {@code affectedTotal} counts the whole list after the addition.
 * Keyed by disruptionId.
 */
public record DisruptionCustomersAffected(
        UUID disruptionId,
        List<String> customerRefs,
        long affectedTotal) implements EventData {

    public static final int MAX_REFS = 1000;

    @Override
    public EventType eventType() {
        return EventType.DISRUPTION_CUSTOMERS_AFFECTED;
    }
}
