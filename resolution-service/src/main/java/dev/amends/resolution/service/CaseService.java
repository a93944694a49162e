package dev.amends.resolution.service;

import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Severity;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.resolution.repository.CaseDetails;
import dev.amends.resolution.repository.CaseFilter;
import dev.amends.resolution.repository.CaseRepository;
import dev.amends.resolution.repository.SupportCase;
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

    private final CaseRepository repository;
    private final OutboxWriter outbox;
    private final SlaPolicy sla;
    private final Clock clock;

    public CaseService(CaseRepository repository, OutboxWriter outbox, SlaPolicy sla, Clock clock) {
        this.repository = repository;
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
        c.severity = incident.severity();
        c.isPublic = incident.isPublic();
        c.channel = incident.channel();
        c.category = incident.category();
        c.customerRef = incident.customerRef();
        c.reportedAt = incident.reportedAt();
        c.origin = incident.origin();
        c.disruptionId = incident.disruptionId();
        c.attempt = 1;
        c.acknowledgeBy = incident.reportedAt().plus(sla.acknowledgeTarget(effective));
        c.acknowledgeWarnAt = SlaPolicy.warningAt(c.acknowledgeBy, sla.acknowledgeTarget(effective));
        c.resolveBy = incident.reportedAt().plus(sla.resolveTarget(effective));
        c.resolveWarnAt = SlaPolicy.warningAt(c.resolveBy, sla.resolveTarget(effective));
        c.persist();
        c.record(now, SYSTEM, "status", null, CaseStatus.OPEN.name(), null);
        String id = c.id.toString();
        outbox.write(id, id, now, new CaseOpened(c.id, SYSTEM, c.attempt, c.status, c.severity, effective,
                c.isPublic, c.channel, c.category, c.customerRef, c.reportedAt, c.acknowledgeBy, c.resolveBy, c.owner, c.origin,
                c.disruptionId));
    }

    /**
     * A complaint linked to a disruption after it was reported (its customer added to the affected list):
     * the case says so from now on. No change of the case itself: no version, history or event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void link(IncidentLinked linked) {
        SupportCase c = SupportCase.findById(linked.incidentId());
        if (c != null) {
            c.disruptionId = linked.disruptionId();
        }
    }

    /** One page of the cases matching every given filter, newest reportedAt first, and the total. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CaseRepository.Page search(CaseFilter filter, int page, int size) {
        return repository.search(filter, page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CaseDetails> find(UUID id) {
        return repository.find(id);
    }
}
