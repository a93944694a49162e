package dev.amends.intake.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amends.common.events.Severity;
import dev.amends.intake.repository.Disruption;
import dev.amends.intake.service.DisruptionSummary;

import java.time.Instant;
import java.util.UUID;

/** A disruption as the API answers it, with its counts; an analyst's view has no free text. */
@JsonPropertyOrder({"id", "source", "externalRef", "category", "severity", "summary", "description", "startedAt", "endedAt",
        "public", "declaredAt", "affected", "complained", "outreachIncidents"})
public record DisruptionView(
        UUID id,
        String source,
        String externalRef,
        String category,
        Severity severity,
        String summary,
        String description,
        Instant startedAt,
        Instant endedAt,
        @JsonProperty("public") boolean isPublic,
        Instant declaredAt,
        long affected,
        long complained,
        long outreachIncidents) {

    public static DisruptionView of(DisruptionSummary summary) {
        return of(summary, true);
    }

    /** Without summary and description: the analyst never reads free text. */
    public static DisruptionView withoutFreeText(DisruptionSummary summary) {
        return of(summary, false);
    }

    private static DisruptionView of(DisruptionSummary summary, boolean freeText) {
        Disruption d = summary.disruption();
        return new DisruptionView(d.id, d.source, d.externalRef, d.category, d.severity,
                freeText ? d.summary : null, freeText ? d.description : null, d.startedAt, d.endedAt, d.isPublic,
                d.declaredAt, summary.counts().affected(), summary.counts().complained(), summary.counts().outreachIncidents());
    }
}
