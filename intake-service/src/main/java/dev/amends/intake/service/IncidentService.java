package dev.amends.intake.service;

import dev.amends.common.events.IncidentReported;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys.Claim;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.repository.Incident;
import dev.amends.intake.repository.IncidentFilter;
import dev.amends.intake.repository.IncidentRepository;
import dev.amends.intake.repository.PageOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IncidentService {

    private final IncidentRepository incidents;
    private final OutboxWriter outbox;
    private final ReportBatcher batcher;
    private final CustomerRefs customerRefs;
    private final ReportReplies replies;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, OutboxWriter outbox, ReportBatcher batcher,
                           CustomerRefs customerRefs, ReportReplies replies, Clock clock) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.batcher = batcher;
        this.customerRefs = customerRefs;
        this.replies = replies;
        this.clock = clock;
    }

    /**
     * Records the incident, its {@code incident.reported} event and the idempotency record in one
     * transaction (shared with other requests: {@link ReportBatcher}): once this returns, nothing
     * of it can be lost, whether Kafka is up or not.
     */
    public Answer report(ReportIncident request, String reporter, String idempotencyKey, String requestHash) {
        return batcher.submit(pending(request, reporter, idempotencyKey, requestHash));
    }

    /** Everything about a new incident that needs no database: its row, event and answer. */
    PendingReport pending(ReportIncident request, String reporter, String idempotencyKey, String requestHash) {
        Incident incident = newIncident(request, reporter);
        String id = incident.id.toString();
        return new PendingReport(incident, outbox.prepare(id, id, incident.reportedAt, reportedEvent(incident)),
                new Claim(reporter, idempotencyKey, requestHash), replies.created(incident));
    }

    /** The incident, if the caller may see it: a reporter sees only the incidents it posted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Incident> find(UUID id, Optional<String> onlyOfReporter) {
        return incidents.findByIdOptional(id)
                .filter(incident -> onlyOfReporter.map(incident.reporter::equals).orElse(true));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageOf<Incident> search(IncidentFilter filter, int page, int size) {
        return incidents.search(filter, page, size);
    }

    private Incident newIncident(ReportIncident request, String reporter) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.reporter = reporter;
        incident.source = request.source();
        incident.externalRef = request.externalRef();
        incident.channel = request.channel();
        incident.category = request.category();
        incident.severity = request.severity();
        incident.summary = request.summary();
        incident.description = request.description();
        incident.occurredAt = request.occurredAt();
        incident.isPublic = request.isPublic();
        incident.customerId = request.customerId();
        incident.customerName = request.customerName();
        incident.customerEmail = request.customerEmail();
        incident.customerPhone = request.customerPhone();
        incident.customerLocale = request.customerLocale();
        incident.customerRef = customerRefs.of(request.source(), request.customerId());
        incident.reportedAt = Instants.truncate(clock.instant());
        return incident;
    }

    /** No name, email, phone, summary or description: events carry no personal data or free text. */
    private static IncidentReported reportedEvent(Incident incident) {
        return new IncidentReported(incident.id, incident.source, incident.externalRef, incident.channel,
                incident.category, incident.severity, incident.isPublic, incident.occurredAt, incident.reportedAt,
                incident.customerRef, incident.customerLocale);
    }
}
