package dev.amends.intake.service;

import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.DisruptionCustomersAffected;
import dev.amends.common.events.DisruptionDeclared;
import dev.amends.common.events.DisruptionUpdated;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.intake.repository.AffectedCustomer;
import dev.amends.intake.repository.Disruption;
import dev.amends.intake.repository.DisruptionCounts;
import dev.amends.intake.repository.DisruptionFilter;
import dev.amends.intake.repository.DisruptionRepository;
import dev.amends.intake.repository.IncidentRepository;
import dev.amends.intake.repository.PageOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Disruptions (contract section 8): declared and ended by the system that saw them, which also
 * sends the customers they affected. Each change and its event commit together (the outbox).
 */
@ApplicationScoped
public class DisruptionService {

    private final DisruptionRepository disruptions;
    private final IncidentRepository incidents;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final DisruptionReplies replies;
    private final Clock clock;

    public DisruptionService(DisruptionRepository disruptions, IncidentRepository incidents, OutboxWriter outbox,
                             IdempotencyKeys idempotencyKeys, DisruptionReplies replies, Clock clock) {
        this.disruptions = disruptions;
        this.incidents = incidents;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.replies = replies;
        this.clock = clock;
    }

    @Transactional
    public Answer declare(DeclareDisruption request, Caller caller) {
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            Disruption disruption = new Disruption();
            disruption.id = UUID.randomUUID();
            disruption.reporter = caller.client();
            disruption.source = request.source();
            disruption.externalRef = request.externalRef();
            disruption.category = request.category();
            disruption.severity = request.severity();
            disruption.summary = request.summary();
            disruption.description = request.description();
            disruption.startedAt = request.startedAt();
            disruption.endedAt = request.endedAt();
            disruption.isPublic = request.isPublic();
            disruption.declaredAt = now();
            disruptions.persist(disruption);
            publish(disruption, disruption.declaredAt, new DisruptionDeclared(disruption.id, disruption.source, disruption.category,
                    disruption.severity, disruption.isPublic, disruption.startedAt, disruption.endedAt, disruption.declaredAt));
            return replies.declared(new DisruptionSummary(disruption, DisruptionCounts.NONE));
        });
    }

    /** Sets when the disruption ended (null: it goes on after all); another client's is not found. */
    @Transactional
    public DisruptionSummary end(UUID id, Instant endedAt, String client) {
        Disruption disruption = disruptions.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.reporter.equals(client)).orElseThrow(() -> notFound(id));
        if (endedAt != null && endedAt.isBefore(disruption.startedAt)) {
            throw InvalidInputException.of("endedAt", "must not be before startedAt (" + disruption.startedAt + ")");
        }
        disruption.endedAt = endedAt;
        Instant now = now();
        publish(disruption, now, new DisruptionUpdated(disruption.id, endedAt, now));
        return summary(disruption);
    }

    /**
     * Puts the customers on the disruption's list, links their complaints from before (within its
     * window, not yet linked: {@code incident.linked}) and publishes who was added, at most
     * {@value DisruptionCustomersAffected#MAX_REFS} customerRefs per event.
     */
    @Transactional
    public Answer addAffected(UUID id, List<AffectedCustomer> customers, Caller caller) {
        Disruption disruption = findOwned(id, caller.client()).orElseThrow(() -> notFound(id));
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            disruptions.lockAffectedLists(disruption.source);
            Instant now = now();
            List<AffectedCustomer> added = disruptions.addAffected(disruption.id, customers, now);
            if (!added.isEmpty()) {
                for (UUID incident : incidents.linkComplaints(disruption, added.stream().map(AffectedCustomer::customerId).toList())) {
                    outbox.write(incident.toString(), incident.toString(), now, new IncidentLinked(incident, disruption.id, now));
                }
                long total = disruptions.affectedCount(disruption.id);
                for (int from = 0; from < added.size(); from += DisruptionCustomersAffected.MAX_REFS) {
                    List<String> refs = added.subList(from, Math.min(added.size(), from + DisruptionCustomersAffected.MAX_REFS))
                            .stream().map(AffectedCustomer::customerRef).toList();
                    publish(disruption, now, new DisruptionCustomersAffected(disruption.id, refs, total));
                }
            }
            return replies.affected(new AffectedAddition(customers.size(), added.size(), customers.size() - added.size()));
        });
    }

    /** The disruption, if the caller may see it: a reporter sees only those it declared. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DisruptionSummary> find(UUID id, Optional<String> onlyOfReporter) {
        return disruptions.findByIdOptional(id)
                .filter(disruption -> onlyOfReporter.map(disruption.reporter::equals).orElse(true))
                .map(this::summary);
    }

    /** The disruption if {@code client} declared it: only that client may link incidents to it or add customers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Disruption> findOwned(UUID id, String client) {
        return disruptions.findByIdOptional(id).filter(disruption -> disruption.reporter.equals(client));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageOf<DisruptionSummary> search(DisruptionFilter filter, int page, int size) {
        PageOf<Disruption> found = disruptions.search(filter, page, size);
        Map<UUID, DisruptionCounts> counts = disruptions.counts(found.items().stream().map(d -> d.id).toList());
        return new PageOf<>(found.items().stream()
                .map(d -> new DisruptionSummary(d, counts.getOrDefault(d.id, DisruptionCounts.NONE))).toList(), found.total());
    }

    private DisruptionSummary summary(Disruption disruption) {
        return new DisruptionSummary(disruption,
                disruptions.counts(List.of(disruption.id)).getOrDefault(disruption.id, DisruptionCounts.NONE));
    }

    private void publish(Disruption disruption, Instant time, EventData event) {
        String id = disruption.id.toString();
        outbox.write(id, id, time, event);
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No disruption " + id + ".");
    }
}
