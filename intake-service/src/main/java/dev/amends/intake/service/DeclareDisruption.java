package dev.amends.intake.service;

import dev.amends.common.events.Severity;

import java.time.Instant;

/** A validated {@code POST /disruptions} body, defaults applied. */
public record DeclareDisruption(
        String source,
        String externalRef,
        String category,
        Severity severity,
        String summary,
        String description,
        Instant startedAt,
        Instant endedAt,
        boolean isPublic) {
}
