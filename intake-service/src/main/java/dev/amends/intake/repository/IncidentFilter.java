package dev.amends.intake.repository;

import dev.amends.common.events.Channel;
import dev.amends.common.events.Origin;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters of {@code GET /incidents}; null means no filter. {@code from} inclusive, {@code to}
 * exclusive. {@code reporter} set: only the incidents that reporter posted (a reporter's own listing).
 */
public record IncidentFilter(String source, String customerId, String externalRef, Channel channel, Origin origin,
                             UUID disruptionId, Instant from, Instant to, String reporter) {
}
