package dev.amends.resolution.service;

import dev.amends.common.events.CaseClosed;
import dev.amends.common.events.CasePromiseAtRisk;
import dev.amends.common.events.CasePromiseBroken;
import dev.amends.common.events.CaseSlaBreached;
import dev.amends.common.events.CaseSlaWarning;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.ClosedBy;
import dev.amends.common.events.EventData;
import dev.amends.common.events.PromiseState;
import dev.amends.common.events.SlaClock;
import dev.amends.common.json.Instants;
import dev.amends.common.metrics.CommittedCounts;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.resolution.config.ResolutionConfig;
import dev.amends.resolution.repository.CasePromise;
import dev.amends.resolution.repository.CaseRepository;
import dev.amends.resolution.repository.SupportCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One batch of each time rule, in its own transaction. Each batch takes the rows the repository's
 * locking queries answer (replicas running at once split the due work instead of doing it twice,
 * and rows an agent is changing wait for the next run). Every rule is checked again on the locked
 * row, and marks it done in the same transaction as its event.
 */
@ApplicationScoped
public class DueChecks {

    private final CaseRepository cases;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final ResolutionConfig config;
    private final CommittedCounts counts;

    public DueChecks(CaseRepository cases, OutboxWriter outbox, Clock clock, ResolutionConfig config,
                     CommittedCounts counts) {
        this.cases = cases;
        this.counts = counts;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** SLA clocks: a warning at 75% (only while the deadline is ahead), a breach at 100%. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int slaClocks() {
        Instant now = now();
        List<UUID> due = cases.lockCasesWithClocksDue(now, config.timers().batchSize());
        for (UUID id : due) {
            SupportCase c = SupportCase.findById(id);
            List<EventData> events = new ArrayList<>();
            if (c.acknowledgedAt == null) {
                if (!c.acknowledgeWarnAt.isAfter(now) && c.acknowledgeWarnedAttempt < c.attempt) {
                    c.acknowledgeWarnedAttempt = c.attempt;
                    warn(c, SlaClock.ACKNOWLEDGE, c.acknowledgeBy, now, events);
                }
                if (!c.acknowledgeBy.isAfter(now) && c.acknowledgeBreachedAttempt < c.attempt) {
                    c.acknowledgeBreachedAttempt = c.attempt;
                    breach(c, SlaClock.ACKNOWLEDGE, c.acknowledgeBy, now, events);
                }
            }
            if (resolveClockRuns(c.status)) {
                if (!c.resolveWarnAt.isAfter(now) && c.resolveWarnedAttempt < c.attempt) {
                    c.resolveWarnedAttempt = c.attempt;
                    warn(c, SlaClock.RESOLVE, c.resolveBy, now, events);
                }
                if (!c.resolveBy.isAfter(now) && c.resolveBreachedAttempt < c.attempt) {
                    c.resolveBreachedAttempt = c.attempt;
                    breach(c, SlaClock.RESOLVE, c.resolveBy, now, events);
                }
            }
            publish(c, now, events);
        }
        return due.size();
    }

    /**
     * Open promises: at risk at 75% of the time from their last agreement to dueAt (once per due
     * time), BROKEN once dueAt has passed. A promise is a commitment to the customer, not to the
     * case's status: they keep running after the resolution and after the case closed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int promises() {
        Instant now = now();
        List<CaseRepository.DuePromise> due = cases.lockPromisesDue(now, config.timers().batchSize());
        for (CaseRepository.DuePromise row : due) {
            CasePromise promise = CasePromise.findById(row.promiseId());
            SupportCase c = SupportCase.findById(row.caseId());
            List<EventData> events = new ArrayList<>();
            if (promise.state != PromiseState.OPEN) {
                continue;
            }
            if (!promise.dueAt.isAfter(now)) {
                promise.state = PromiseState.BROKEN;
                promise.brokenAt = now;
                history(c, now, "promise", PromiseState.OPEN.name(), PromiseState.BROKEN.name());
                counts.onCommit("amends.promises.broken");
                events.add(new CasePromiseBroken(c.id, CaseService.SYSTEM, c.attempt, c.status, promise.id,
                        promise.dueAt, now, c.owner));
            } else if (!promise.atRiskAt.isAfter(now) && !promise.dueAt.equals(promise.atRiskDueAt)) {
                promise.atRiskDueAt = promise.dueAt;
                events.add(new CasePromiseAtRisk(c.id, CaseService.SYSTEM, c.attempt, c.status, promise.id,
                        promise.dueAt, c.owner));
            }
            publish(c, now, events);
        }
        return due.size();
    }

    /** A resolved case the customer has not answered for closes by itself after the configured time. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int autoClose() {
        Instant now = now();
        Instant resolvedBefore = now.minus(config.autoCloseAfter());
        List<UUID> due = cases.lockResolvedBefore(resolvedBefore, config.timers().batchSize());
        for (UUID id : due) {
            SupportCase c = SupportCase.findById(id);
            if (!StatusTable.AUTO_CLOSE.allowsFrom(c.status) || c.resolvedAt.isAfter(resolvedBefore)) {
                continue;
            }
            history(c, now, "status", c.status.name(), StatusTable.AUTO_CLOSE.to().name());
            c.status = StatusTable.AUTO_CLOSE.to();
            c.closedAt = now;
            publish(c, now, List.of(new CaseClosed(c.id, CaseService.SYSTEM, c.attempt, c.status, now, ClosedBy.AUTO,
                    c.owner)));
        }
        return due.size();
    }

    /** How many rows one batch takes at most. */
    public int batchSize() {
        return config.timers().batchSize();
    }

    private static boolean resolveClockRuns(CaseStatus status) {
        return switch (status) {
            case OPEN, ACKNOWLEDGED, IN_PROGRESS, REOPENED -> true;
            case WAITING_ON_CUSTOMER, RESOLVED, CLOSED -> false;
        };
    }

    /** A warning helps only while there is time left: a check that runs late goes straight to the breach. */
    private static void warn(SupportCase c, SlaClock clock, Instant deadline, Instant now, List<EventData> events) {
        if (now.isBefore(deadline)) {
            events.add(new CaseSlaWarning(c.id, CaseService.SYSTEM, c.attempt, c.status, clock, deadline, c.owner));
        }
    }

    private void breach(SupportCase c, SlaClock clock, Instant deadline, Instant now, List<EventData> events) {
        counts.onCommit("amends.sla.breaches", "clock", clock.name());
        c.breached = true;
        history(c, now, "sla-breached", null, clock.name());
        events.add(new CaseSlaBreached(c.id, CaseService.SYSTEM, c.attempt, c.status, clock, deadline, c.owner));
    }

    private static void history(SupportCase c, Instant now, String change, String from, String to) {
        c.record(now, CaseService.SYSTEM, change, from, to, null);
    }

    private void publish(SupportCase c, Instant now, List<EventData> events) {
        String id = c.id.toString();
        for (EventData event : events) {
            outbox.write(id, id, now, event);
        }
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }
}
