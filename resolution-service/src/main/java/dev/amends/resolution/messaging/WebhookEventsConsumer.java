package dev.amends.resolution.messaging;

import dev.amends.common.messaging.EventConsumption;
import dev.amends.resolution.service.WebhookDispatcher;
import dev.amends.resolution.service.WebhookFanOut;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every event of the three topics, in a consumer group of its own (webhooks never slow the case
 * consumers, nor they the webhooks): stored as deliveries to the subscriptions of its type, then,
 * if there were any, this replica's sender is woken to try them at once.
 */
@ApplicationScoped
public class WebhookEventsConsumer {

    private final EventConsumption consumption;
    private final WebhookFanOut fanOut;
    private final WebhookDispatcher dispatcher;

    public WebhookEventsConsumer(EventConsumption consumption, WebhookFanOut fanOut, WebhookDispatcher dispatcher) {
        this.consumption = consumption;
        this.fanOut = fanOut;
        this.dispatcher = dispatcher;
    }

    @Incoming("webhook-events")
    @Blocking
    public CompletionStage<Void> events(KafkaRecordBatch<String, String> records) {
        AtomicInteger deliveries = new AtomicInteger();
        CompletionStage<Void> stored = consumption.applyAllPlainTogether("resolution-service/webhooks", records,
                batch -> deliveries.addAndGet(fanOut.storeAll(batch)));
        // Only when there is something to send: with no subscription of these types, nothing to claim.
        if (deliveries.get() > 0) {
            dispatcher.wake();
        }
        return stored;
    }
}
