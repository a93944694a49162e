package dev.amends.intake.service;

import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys.Claim;
import dev.amends.common.json.Instants;
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
    private final DisruptionService disruptions;
    private final PendingReports pendingReports;
    private final ReportBatcher batcher;
    private final CustomerRefs customerRefs;
    private final Clock clock;

    public IncidentService(IncidentRepository incidents, DisruptionService disruptions, PendingReports pendingReports,
                           ReportBatcher batcher, CustomerRefs customerRefs, Clock clock) {
        this.incidents = incidents;
        this.disruptions = disruptions;
        this.pendingReports = pendingReports;
        this.batcher = batcher;
        this.customerRefs = customerRefs;
        this.clock = clock;
    }

    /**
     * Records the incident, its {@code incident.reported} event and the idempotency record in one
     * transaction (shared with other requests: {@link ReportBatcher}): once this returns, nothing
     * of it can be lost, whether Kafka is up or not.
     */
    public Answer report(ReportIncident request, String reporter, String idempotencyKey, String requestHash) {
        if (request.disruptionId() != null) {
            disruptions.findOwned(request.disruptionId(), reporter).orElseThrow(() ->
                    InvalidInputException.of("disruptionId", "must name a disruption this client declared"));
        }
        return batcher.submit(pending(request, reporter, idempotencyKey, requestHash));
    }

    /** Everything about a new incident that needs no database: its row, event and answer. */
    PendingReport pending(ReportIncident request, String reporter, String idempotencyKey, String requestHash) {
        return pendingReports.of(newIncident(request, reporter), new Claim(reporter, idempotencyKey, requestHash));
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
        incident.customerId = request.customer().id();
        incident.customerName = request.customer().name();
        incident.customerEmail = request.customer().email();
        incident.customerPhone = request.customer().phone();
        incident.customerLocale = request.customer().locale();
        incident.customerRef = customerRefs.of(request.source(), request.customer().id());
        incident.reportedAt = Instants.truncate(clock.instant());
        incident.disruptionId = request.disruptionId();
        return incident;
    }
}
