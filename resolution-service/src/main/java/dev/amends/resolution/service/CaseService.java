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
import dev.amends.resolution.repository.CaseFilter;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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
        c.severity = incident.severity();
        c.isPublic = incident.isPublic();
        c.channel = incident.channel();
        c.category = incident.category();
        c.customerRef = incident.customerRef();
        c.reportedAt = incident.reportedAt();
        c.attempt = 1;
        c.acknowledgeBy = incident.reportedAt().plus(sla.acknowledgeTarget(effective));
        c.acknowledgeWarnAt = SlaPolicy.warningAt(c.acknowledgeBy, sla.acknowledgeTarget(effective));
        c.resolveBy = incident.reportedAt().plus(sla.resolveTarget(effective));
        c.resolveWarnAt = SlaPolicy.warningAt(c.resolveBy, sla.resolveTarget(effective));
        c.persist();
        c.record(now, SYSTEM, "status", null, CaseStatus.OPEN.name(), null);
        String id = c.id.toString();
        outbox.write(id, id, now, new CaseOpened(c.id, SYSTEM, c.attempt, c.status, c.severity, effective,
                c.isPublic, c.channel, c.category, c.customerRef, c.reportedAt, c.acknowledgeBy, c.resolveBy));
    }

    /** One page of the cases matching every given filter, newest reportedAt first, and the total. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page search(CaseFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            conditions.add("c.status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.owner() != null) {
            conditions.add("c.owner = :owner");
            parameters.and("owner", filter.owner());
        }
        if (filter.breached() != null) {
            conditions.add("c.breached = :breached");
            parameters.and("breached", filter.breached());
        }
        if (filter.promiseDue() != null) {
            conditions.add("exists (from CasePromise p where p.caseId = c.id and p.state = 'OPEN' and p.dueAt <= :promiseDue)");
            parameters.and("promiseDue", filter.promiseDue());
        }
        if (filter.from() != null) {
            conditions.add("c.reportedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("c.reportedAt < :to");
            parameters.and("to", filter.to());
        }
        // A full query with an alias: the promise sub-query must name the case's id, not its own.
        String query = "from SupportCase c" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by c.reportedAt desc, c.id desc";
        var found = SupportCase.<SupportCase>find(query, parameters)
                .page(io.quarkus.panache.common.Page.of(page, size));
        return new Page(views(found.list()), found.count());
    }

    /** A page of cases and how many match in all. */
    public record Page(List<CaseView> items, long total) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CaseView> find(UUID id) {
        return SupportCase.<SupportCase>findByIdOptional(id).map(c -> views(List.of(c)).get(0));
    }

    /** The cases with their promises, compensations, resolutions and history: four queries for the lot. */
    private static List<CaseView> views(List<SupportCase> cases) {
        if (cases.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = cases.stream().map(c -> c.id).toList();
        Map<UUID, List<CasePromise>> promises = byCase(
                CasePromise.list("caseId in ?1", Sort.by("madeAt").and("id"), ids), p -> p.caseId);
        Map<UUID, List<CaseCompensation>> compensations = byCase(
                CaseCompensation.list("caseId in ?1", Sort.by("offeredAt").and("id"), ids), k -> k.caseId);
        Map<UUID, List<CaseResolution>> resolutions = byCase(
                CaseResolution.list("caseId in ?1", Sort.by("attempt"), ids), r -> r.caseId);
        Map<UUID, List<CaseHistoryEntry>> history = byCase(
                CaseHistoryEntry.list("caseId in ?1", Sort.by("id"), ids), h -> h.caseId);
        return cases.stream().map(c -> CaseView.of(c, promises.getOrDefault(c.id, List.of()),
                compensations.getOrDefault(c.id, List.of()), resolutions.getOrDefault(c.id, List.of()),
                history.getOrDefault(c.id, List.of()))).toList();
    }

    /** Groups rows by their case, keeping the order they were read in. */
    private static <T> Map<UUID, List<T>> byCase(List<T> rows, Function<T, UUID> caseId) {
        return rows.stream().collect(Collectors.groupingBy(caseId));
    }
}
