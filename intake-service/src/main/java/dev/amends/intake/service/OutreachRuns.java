package dev.amends.intake.service;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.events.Channel;
import dev.amends.common.events.DisruptionCustomersAffected;
import dev.amends.common.events.DisruptionCustomersHeldOut;
import dev.amends.common.events.DisruptionOutreachStarted;
import dev.amends.common.events.Origin;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.common.outbox.PendingEvent;
import dev.amends.intake.config.IntakeConfig;
import dev.amends.intake.repository.AffectedCustomer;
import dev.amends.intake.repository.Disruption;
import dev.amends.intake.repository.DisruptionRepository;
import dev.amends.intake.repository.Incident;
import dev.amends.intake.repository.IncidentRepository;
import dev.amends.intake.repository.OutreachRun;
import dev.amends.intake.repository.OutreachRunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Outreach (contract section 8): for every affected customer with no complaint linked to the
 * disruption and not reached before, one incident of origin OUTREACH, published as an ordinary
 * {@code incident.reported} (so a case opens and every rule applies), or, for the random holdout,
 * only the record that they were set aside. A run is worked chunk by chunk by whichever replicas
 * are up ({@link OutreachWorker}); each customer is reached in the transaction that claims them.
 */
@ApplicationScoped
public class OutreachRuns {

    private final OutreachRunRepository runs;
    private final DisruptionRepository disruptions;
    private final IncidentRepository incidents;
    private final PendingReports pendingReports;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final DisruptionReplies replies;
    private final IntakeConfig.Outreach config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OutreachRuns(OutreachRunRepository runs, DisruptionRepository disruptions, IncidentRepository incidents,
                        PendingReports pendingReports, OutboxWriter outbox, IdempotencyKeys idempotencyKeys,
                        DisruptionReplies replies, IntakeConfig config, Clock clock) {
        this.runs = runs;
        this.disruptions = disruptions;
        this.incidents = incidents;
        this.pendingReports = pendingReports;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.replies = replies;
        this.config = config.outreach();
        this.clock = clock;
    }

    /** Starts a run and answers at once (202); a run of the same disruption still running is a conflict. */
    @Transactional
    public Answer start(UUID disruptionId, BigDecimal holdout, Caller caller) {
        Disruption disruption = disruptions.findByIdOptional(disruptionId)
                .orElseThrow(() -> new NotFoundException("No disruption " + disruptionId + "."));
        return idempotencyKeys.once(caller.client(), caller.idempotencyKey(), caller.requestHash(), () -> {
            // Two replicas asked at once: the second waits here, then sees the first one's run.
            runs.lockStarts(disruption.id);
            runs.running(disruption.id).ifPresent(running -> {
                throw new ConflictException("Outreach run " + running.id + " of this disruption is still running.");
            });
            OutreachRun run = new OutreachRun();
            run.id = UUID.randomUUID();
            run.disruptionId = disruption.id;
            run.state = OutreachRun.State.RUNNING;
            run.holdout = holdout;
            run.toOpen = Math.toIntExact(disruptions.unreachedCount(disruption.id));
            run.startedBy = caller.actor();
            run.startedAt = now();
            runs.persist(run);
            String id = disruption.id.toString();
            outbox.write(id, id, run.startedAt, new DisruptionOutreachStarted(disruption.id, run.startedAt, run.toOpen,
                    run.startedBy));
            return replies.outreachStarted(run);
        });
    }

    public Optional<OutreachRun> find(UUID disruptionId, UUID runId) {
        return runs.findByIdOptional(runId).filter(run -> run.disruptionId.equals(disruptionId));
    }

    public List<UUID> running() {
        return runs.runningIds();
    }

    /**
     * Reaches the next chunk of the run's customers; answers false once none is left to claim (and
     * marks the run done when no other replica is still reaching some).
     */
    @Transactional
    public boolean reachNext(UUID runId) {
        OutreachRun run = runs.findById(runId);
        if (run == null || run.state != OutreachRun.State.RUNNING) {
            return false;
        }
        Disruption disruption = disruptions.findById(run.disruptionId);
        List<AffectedCustomer> customers = disruptions.claimUnreached(disruption.id, config.chunk());
        if (customers.isEmpty()) {
            if (disruptions.unreachedCount(disruption.id) == 0) {
                runs.done(run.id, now());
            }
            return false;
        }
        Instant now = now();
        Map<String, UUID> reached = new HashMap<>();
        List<Incident> opened = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        for (AffectedCustomer customer : customers) {
            if (random.nextDouble() < run.holdout.doubleValue()) {
                reached.put(customer.customerId(), null);
                heldOut.add(customer.customerRef());
            } else {
                Incident incident = outreachIncident(disruption, customer, now);
                opened.add(incident);
                reached.put(customer.customerId(), incident.id);
            }
        }
        if (!opened.isEmpty()) {
            incidents.insertAll(opened);
            List<PendingEvent> events = opened.stream().map(pendingReports::event).toList();
            outbox.writeAll(events);
        }
        publishHeldOut(disruption.id, run.id, heldOut, now);
        disruptions.markReached(disruption.id, run.id, reached);
        runs.count(run.id, opened.size(), customers.size() - opened.size());
        return true;
    }

    /** The report compares the reached with these, so it must know them by name (their customerRef). */
    private void publishHeldOut(UUID disruptionId, UUID runId, List<String> customerRefs, Instant now) {
        String id = disruptionId.toString();
        for (int from = 0; from < customerRefs.size(); from += DisruptionCustomersAffected.MAX_REFS) {
            List<String> slice = customerRefs.subList(from,
                    Math.min(customerRefs.size(), from + DisruptionCustomersAffected.MAX_REFS));
            outbox.write(id, id, now, new DisruptionCustomersHeldOut(disruptionId, runId, List.copyOf(slice), now));
        }
    }

    /** What the customer would have posted had they complained: the disruption's description of it, their contact. */
    private static Incident outreachIncident(Disruption disruption, AffectedCustomer customer, Instant now) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.reporter = disruption.reporter;
        incident.source = disruption.source;
        incident.externalRef = customer.externalRef();
        incident.channel = Channel.OTHER;
        incident.category = disruption.category;
        incident.severity = disruption.severity;
        incident.summary = disruption.summary;
        incident.occurredAt = disruption.startedAt;
        incident.isPublic = disruption.isPublic;
        incident.customerId = customer.customerId();
        incident.customerName = customer.name();
        incident.customerEmail = customer.email();
        incident.customerPhone = customer.phone();
        incident.customerLocale = customer.locale();
        incident.customerRef = customer.customerRef();
        incident.reportedAt = now;
        incident.origin = Origin.OUTREACH;
        incident.disruptionId = disruption.id;
        return incident;
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }
}
