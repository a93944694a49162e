package dev.amends.intake.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.amends.common.events.Channel;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Severity;
import dev.amends.intake.repository.Incident;

import java.time.Instant;
import java.util.UUID;

/** An incident as the API answers it: every field of the request plus what intake added. */
@JsonPropertyOrder({"id", "source", "externalRef", "channel", "category", "severity", "summary", "description",
        "occurredAt", "public", "customer", "reportedAt", "customerRef", "personalDataErasedAt", "origin", "disruptionId"})
public record IncidentView(
        UUID id,
        String source,
        String externalRef,
        Channel channel,
        String category,
        Severity severity,
        String summary,
        String description,
        Instant occurredAt,
        @JsonProperty("public") boolean isPublic,
        Customer customer,
        Instant reportedAt,
        String customerRef,
        Instant personalDataErasedAt,
        Origin origin,
        UUID disruptionId) {

    public record Customer(String id, String name, String email, String phone, String locale) {
    }

    public static IncidentView of(Incident incident) {
        return new IncidentView(incident.id, incident.source, incident.externalRef, incident.channel,
                incident.category, incident.severity, incident.summary, incident.description, incident.occurredAt,
                incident.isPublic,
                new Customer(incident.customerId, incident.customerName, incident.customerEmail,
                        incident.customerPhone, incident.customerLocale),
                incident.reportedAt, incident.customerRef, incident.personalDataErasedAt, incident.origin,
                incident.disruptionId);
    }
}
