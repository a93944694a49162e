package dev.amends.resolution.service;

import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Severity;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.resolution.repository.CaseCompensation;
import dev.amends.resolution.repository.CaseHistoryEntry;
import dev.amends.resolution.repository.CasePromise;
import dev.amends.resolution.repository.CaseResolution;
import dev.amends.resolution.repository.SupportCase;
import dev.amends.resolution.rest.CaseView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CaseService {

    /** The actor of changes nobody made by hand. */
    public static final String SYSTEM = "system";
    /** The actor of changes the customer's survey answer makes. */
    public static final String CUSTOMER = "customer";

    private final OutboxWriter outbox;
    private final SlaPolicy sla;
    private final Clock clock;

    public CaseService(OutboxWriter outbox, SlaPolicy sla, Clock clock) {
        this.outbox = outbox;
        this.sla = sla;
        this.clock = clock;
    }

    /**
     * Opens the case of a reported incident with its SLA clocks started at reportedAt, and
     * publishes {@code case.opened}. A case that exists already is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(IncidentReported incident) {
        if (SupportCase.findById(incident.incidentId()) != null) {
            return;
        }
        Instant now = Instants.truncate(clock.instant());
        Severity effective = SlaPolicy.effectiveSeverity(incident.severity(), incident.isPublic());
        SupportCase c = new SupportCase();
        c.id = incident.incidentId();
        c.status = CaseStatus.OPEN;
        c.version = 1;
        c.severity = incident.severity();
        c.isPublic = incident.isPublic();
        c.channel = incident.channel();
        c.category = incident.category();
        c.customerRef = incident.customerRef();
        c.reportedAt = incident.reportedAt();
        c.attempt = 1;
        c.acknowledgeBy = incident.reportedAt().plus(sla.acknowledgeTarget(effective));
        c.resolveBy = incident.reportedAt().plus(sla.resolveTarget(effective));
        c.persist();
        CaseHistoryEntry.of(c.id, now, SYSTEM, "status", null, CaseStatus.OPEN.name(), null).persist();
        String id = c.id.toString();
        outbox.write(id, id, now, new CaseOpened(c.id, SYSTEM, c.attempt, c.status, c.severity, effective,
                c.isPublic, c.channel, c.category, c.customerRef, c.reportedAt, c.acknowledgeBy, c.resolveBy));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CaseView> find(UUID id) {
        return SupportCase.<SupportCase>findByIdOptional(id).map(c -> CaseView.of(c,
                CasePromise.list("caseId", Sort.by("madeAt").and("id"), id),
                CaseCompensation.list("caseId", Sort.by("offeredAt").and("id"), id),
                CaseResolution.list("caseId", Sort.by("attempt"), id),
                CaseHistoryEntry.list("caseId", Sort.by("id"), id)));
    }
}
