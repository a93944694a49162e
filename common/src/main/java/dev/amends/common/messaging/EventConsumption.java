package dev.amends.common.messaging;

import dev.amends.common.events.EventData;
import dev.amends.common.problem.ProblemMappers;
import dev.amends.common.tracing.Traceparent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What every consumer does with the records of one poll: read each (unknown types are skipped)
 * and apply its effect unless this consumer already processed the event id, all in one
 * transaction, so a batch costs one commit. When the batch fails for a reason other than the
 * database being unreachable, its records are applied one by one, each in its own transaction
 * retried a few times, and only a record that still fails is handed to the connector's
 * dead-letter strategy; the others are applied and acknowledged as usual.
 */
@ApplicationScoped
public class EventConsumption {

    private final IncomingEvents events;
    private final ProcessedEvents processed;
    private final Tracer tracer;

    public EventConsumption(IncomingEvents events, ProcessedEvents processed, Tracer tracer) {
        this.events = events;
        this.processed = processed;
        this.tracer = tracer;
    }

    /** Applies the batch and answers when its records are acknowledged (or dead-lettered). */
    public CompletionStage<Void> applyAll(String consumer, KafkaRecordBatch<String, String> batch,
                                          Consumer<EventData> effect) {
        return applyRecords(consumer, batch, record -> apply(consumer, record, effect));
    }

    /**
     * The same, then {@code afterEffects} in the same transaction: work the batch's effects leave for
     * the end, done once for all of them (once per record when they are applied one by one).
     */
    public CompletionStage<Void> applyAll(String consumer, KafkaRecordBatch<String, String> batch,
                                          Consumer<EventData> effect, Runnable afterEffects) {
        return applyRecords(consumer, batch, records -> {
            records.forEach(record -> apply(consumer, record, effect));
            afterEffects.run();
        }, record -> {
            apply(consumer, record, effect);
            afterEffects.run();
        });
    }

    /**
     * The same for a topic of plain keyed values (a compacted topic, not CloudEvents): no event id
     * to de-duplicate by, so {@code effect} must be idempotent itself (an upsert or a delete by key).
     */
    public CompletionStage<Void> applyAllPlain(String consumer, KafkaRecordBatch<String, String> batch,
                                               Consumer<KafkaRecord<String, String>> effect) {
        return applyRecords(consumer, batch, effect);
    }

    /**
     * The same, with an effect that takes the poll's records at once (one statement for all of them);
     * when the batch fails it is given each record alone.
     */
    public CompletionStage<Void> applyAllPlainTogether(String consumer, KafkaRecordBatch<String, String> batch,
                                                       Consumer<List<KafkaRecord<String, String>>> effect) {
        return applyRecords(consumer, batch, effect, record -> effect.accept(List.of(record)));
    }

    private CompletionStage<Void> applyRecords(String consumer, KafkaRecordBatch<String, String> batch,
                                               Consumer<KafkaRecord<String, String>> effect) {
        return applyRecords(consumer, batch, records -> records.forEach(effect), effect);
    }

    private CompletionStage<Void> applyRecords(String consumer, KafkaRecordBatch<String, String> batch,
                                               Consumer<List<KafkaRecord<String, String>>> allAtOnce,
                                               Consumer<KafkaRecord<String, String>> effect) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        try {
            EventHandling.applyInOneTransaction(records.size() + " records of " + consumer,
                    () -> allAtOnce.accept(records));
            return batch.ack();
        } catch (RuntimeException batchFailed) {
            return ProblemMappers.databaseUnavailable(batchFailed) ? leftForTheRestart() : oneByOne(consumer, records, effect);
        }
    }

    private CompletionStage<Void> oneByOne(String consumer, List<KafkaRecord<String, String>> records,
                                           Consumer<KafkaRecord<String, String>> effect) {
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        for (KafkaRecord<String, String> record : records) {
            try {
                EventHandling.applyWithRetries(record.getTopic() + "-" + record.getPartition() + " record of " + consumer,
                        () -> effect.accept(record));
                settled.add(record.ack().toCompletableFuture());
            } catch (RuntimeException failed) {
                if (ProblemMappers.databaseUnavailable(failed)) {
                    return leftForTheRestart();
                }
                // Waits for the dead-letter topic to take it before the next record is applied.
                record.nack(failed).toCompletableFuture().join();
            }
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    /**
     * The wait for the database ends with a failure only when the thread is interrupted, that is
     * when the service stops: the records are neither acknowledged nor dead-lettered, so they come
     * again after the restart (dead-lettering them would lose their effects).
     */
    private static CompletionStage<Void> leftForTheRestart() {
        return new CompletableFuture<>();
    }

    /**
     * Applies one record's event in a span of the trace its {@code traceparent} header names, so
     * the events it publishes go on in that trace; needs a transaction.
     */
    private void apply(String consumer, KafkaRecord<String, String> record, Consumer<EventData> effect) {
        Span span = tracer.spanBuilder(record.getTopic() + " process").setSpanKind(SpanKind.CONSUMER)
                .setParent(Traceparent.parent(traceparent(record.getHeaders())))
                .setAttribute("messaging.consumer.group.name", consumer).startSpan();
        try (Scope scope = span.makeCurrent()) {
            events.parse(record.getPayload()).ifPresent(event -> {
                if (processed.firstDelivery(consumer, event.id())) {
                    span.setAttribute("messaging.message.id", event.id().toString());
                    effect.accept(event.data());
                }
            });
        } finally {
            span.end();
        }
    }

    private static String traceparent(Headers headers) {
        Header traceparent = headers.lastHeader("traceparent");
        return traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8);
    }
}
