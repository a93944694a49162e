package dev.amends.intake.service;

import dev.amends.common.events.Channel;
import dev.amends.common.events.Severity;

import java.time.Instant;

/** A validated {@code POST /incidents} body, defaults applied. */
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
        String customerId,
        String customerName,
        String customerEmail,
        String customerPhone,
        String customerLocale) {
}
