package dev.amends.common.messaging;

import dev.amends.common.events.EventData;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Consumer;

/**
 * What every consumer does with a record: read it (unknown types are skipped), then, in one
 * transaction retried a few times, apply its effect unless this consumer already processed the
 * event id. What still fails reaches the connector's dead-letter strategy.
 */
@ApplicationScoped
public class EventConsumption {

    private final IncomingEvents events;
    private final ProcessedEvents processed;

    public EventConsumption(IncomingEvents events, ProcessedEvents processed) {
        this.events = events;
        this.processed = processed;
    }

    public void apply(String consumer, String record, Consumer<EventData> effect) {
        events.parse(record).ifPresent(event -> EventHandling.applyWithRetries(event.type() + " " + event.id(), () -> {
            if (processed.firstDelivery(consumer, event.id())) {
                effect.accept(event.data());
            }
        }));
    }
}
