package dev.amends.intake.repository;

import java.time.Instant;

/**
 * Filters of {@code GET /disruptions}; null means no filter. {@code from} inclusive and {@code to}
 * exclusive, on {@code startedAt}. {@code reporter} set: only the disruptions that reporter declared.
 */
public record DisruptionFilter(String source, String externalRef, Instant from, Instant to, String reporter) {
}
