package dev.amends.intake.service;

import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;

import java.time.Instant;
import java.util.UUID;

/** A validated {@code POST /incidents} body, defaults applied; {@code disruptionId} is null unless it names one. */
public record ReportIncident(
        String source,
        String externalRef,
        Channel channel,
        String category,
        Severity severity,
        String summary,
        String description,
        Instant occurredAt,
        boolean isPublic,
        CustomerContact customer,
        UUID disruptionId) {
}
