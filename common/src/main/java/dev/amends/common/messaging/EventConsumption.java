package dev.amends.common.messaging;

import dev.amends.common.events.EventData;
import dev.amends.common.outbox.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

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

    /** Applies the record's event, within the trace its {@code traceparent} header names. */
    public void apply(String consumer, ConsumerRecord<String, String> record, Consumer<EventData> effect) {
        Header traceparent = record.headers().lastHeader("traceparent");
        TraceContext.within(traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8),
                () -> events.parse(record.value()).ifPresent(event ->
                        EventHandling.applyWithRetries(event.type() + " " + event.id(), () -> {
                            if (processed.firstDelivery(consumer, event.id())) {
                                effect.accept(event.data());
                            }
                        })));
    }
}
