package dev.amends.common.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An outreach run set these affected customers aside (the random holdout): no incident, so the
 * disruption report can compare them with the customers it reached. At most
 * {@link DisruptionCustomersAffected#MAX_REFS} per event; keyed by disruptionId.
 */
public record DisruptionCustomersHeldOut(
        UUID disruptionId,
        UUID runId,
        List<String> customerRefs,
        Instant heldOutAt) implements EventData {

    @Override
    public EventType eventType() {
        return EventType.DISRUPTION_CUSTOMERS_HELD_OUT;
    }
}
