package dev.amends.intake.repository;

import dev.amends.common.events.Channel;

import java.time.Instant;

/** Filters of {@code GET /incidents}; null means no filter. {@code from} inclusive, {@code to} exclusive. */
public record IncidentFilter(String source, String customerId, Channel channel, Instant from, Instant to) {
}
