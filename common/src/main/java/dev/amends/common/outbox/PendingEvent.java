package dev.amends.common.outbox;

import dev.amends.common.events.EventData;

import java.time.Instant;

/** An event prepared by {@link OutboxWriter#prepare}, with the trace it belongs to, not yet written. */
public record PendingEvent(String subject, String key, Instant time, EventData data, String traceparent) {
}
