package dev.amends.resolution.repository;

import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Origin;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters of {@code GET /cases}; null means no filter. {@code promiseDue}: an OPEN promise due at or
 * before it. {@code from} inclusive and {@code to} exclusive, on reportedAt.
 */
public record CaseFilter(CaseStatus status, String owner, String assignee, Boolean breached, Instant promiseDue,
                         Origin origin, UUID disruptionId, Instant from, Instant to) {
}
