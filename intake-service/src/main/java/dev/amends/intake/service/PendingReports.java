package dev.amends.intake.service;

import dev.amends.common.events.IncidentReported;
import dev.amends.common.idempotency.IdempotencyKeys.Claim;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.common.outbox.PendingEvent;
import dev.amends.intake.repository.Incident;
import jakarta.enterprise.context.ApplicationScoped;

/** A new incident's event and answer (made again when the write finds the disruption it belongs to). */
@ApplicationScoped
class PendingReports {

    private final OutboxWriter outbox;
    private final ReportReplies replies;

    PendingReports(OutboxWriter outbox, ReportReplies replies) {
        this.outbox = outbox;
        this.replies = replies;
    }

    PendingReport of(Incident incident, Claim claim) {
        return new PendingReport(incident, event(incident), claim, replies.created(incident));
    }

    /** The incident's {@code incident.reported}, ready for the outbox. */
    PendingEvent event(Incident incident) {
        String id = incident.id.toString();
        return outbox.prepare(id, id, incident.reportedAt, reportedEvent(incident));
    }

    /** No name, email, phone, summary or description: events carry no personal data or free text. */
    private static IncidentReported reportedEvent(Incident incident) {
        return new IncidentReported(incident.id, incident.source, incident.externalRef, incident.channel,
                incident.category, incident.severity, incident.isPublic, incident.occurredAt, incident.reportedAt,
                incident.customerRef, incident.customerLocale, incident.origin, incident.disruptionId);
    }
}
