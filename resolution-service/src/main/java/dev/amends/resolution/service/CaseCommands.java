package dev.amends.resolution.service;

import dev.amends.common.domain.ConflictException;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.domain.NotFoundException;
import dev.amends.common.domain.StaleVersionException;
import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseAssigneeChanged;
import dev.amends.common.events.CaseClosed;
import dev.amends.common.events.CaseCompensationOffered;
import dev.amends.common.events.CaseOwnerChanged;
import dev.amends.common.events.CasePromiseKept;
import dev.amends.common.events.CasePromiseMade;
import dev.amends.common.events.CasePromiseRenegotiated;
import dev.amends.common.events.CaseReopened;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.CaseStatusChanged;
import dev.amends.common.events.Cause;
import dev.amends.common.events.ClosedBy;
import dev.amends.common.events.CompensationKind;
import dev.amends.common.events.EventData;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.PromiseState;
import dev.amends.common.events.ReopenedBy;
import dev.amends.common.events.SurveyAnswered;
import dev.amends.common.events.Verdict;
import dev.amends.common.idempotency.Answer;
import dev.amends.common.idempotency.IdempotencyKeys;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.resolution.repository.CaseCompensation;
import dev.amends.resolution.repository.CasePromise;
import dev.amends.resolution.repository.CaseRepository;
import dev.amends.resolution.repository.CaseResolution;
import dev.amends.resolution.repository.CaseHistoryEntry;
import dev.amends.resolution.repository.SupportCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every change an agent makes to a case: one transaction that locks the case, checks If-Match
 * and the status table, records history with the actor (which grows {@code version}) and
 * publishes the change's event through the outbox. Setting a value the case already has changes
 * nothing. A closed case takes only the keeping or renegotiating of an open promise.
 */
@ApplicationScoped
public class CaseCommands {

    private final CaseRepository cases;
    private final CustomerVoice voice;
    private final OutboxWriter outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final CaseReplies replies;
    private final Clock clock;
    private final SlaPolicy sla;

    public CaseCommands(CaseRepository cases, OutboxWriter outbox, IdempotencyKeys idempotencyKeys,
                        CaseReplies replies, Clock clock, SlaPolicy sla, CustomerVoice voice) {
        this.cases = cases;
        this.voice = voice;
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.replies = replies;
        this.clock = clock;
        this.sla = sla;
    }

    /**
     * Who asks for which case, with the version the caller read (If-Match; null: any), the
     * Idempotency-Key and the body hash.
     */
    public record Request(UUID caseId, String actor, String client, Long expectedVersion, String idempotencyKey,
                          String requestHash) {
    }

    @Transactional
    public Answer changeOwner(Request request, String owner, String reason) {
        return change(request, ownerChange(request, owner, reason));
    }

    private static Change ownerChange(Request request, String owner, String reason) {
        return (c, now) -> {
            if (owner.equals(c.owner)) {
                return null;
            }
            String previous = c.owner;
            if (previous != null) {
                c.ownerChanges++;
            }
            c.owner = owner;
            history(c, now, request, "owner", previous, owner, reason);
            return new CaseOwnerChanged(c.id, request.actor(), c.attempt, c.status, owner, previous, c.ownerChanges);
        };
    }

    @Transactional
    public Answer changeAssignee(Request request, String assignee) {
        return change(request, (c, now) -> {
            if (Objects.equals(assignee, c.assignee)) {
                return null;
            }
            String previous = c.assignee;
            c.assignee = assignee;
            history(c, now, request, "assignee", previous, assignee, null);
            return new CaseAssigneeChanged(c.id, request.actor(), c.attempt, c.status, assignee, previous, c.owner);
        });
    }

    /** The customer got a first answer; a case without an owner gets the actor as owner. */
    @Transactional
    public Answer acknowledge(Request request, boolean apology, String message) {
        return change(request, acknowledgement(request, apology, message));
    }

    private static Change acknowledgement(Request request, boolean apology, String message) {
        return (c, now) -> {
            StatusTable.ACKNOWLEDGE.requireFrom(c.status);
            if (c.owner == null) {
                c.owner = request.actor();
                history(c, now, request, "owner", null, c.owner, null);
            }
            c.acknowledgedAt = now;
            c.apology = apology;
            moveTo(c, StatusTable.ACKNOWLEDGE.to(), now, request, message);
            return new CaseAcknowledged(c.id, request.actor(), c.attempt, c.status, now, apology, c.owner);
        };
    }

    /** IN_PROGRESS or WAITING_ON_CUSTOMER; waiting pauses the resolve clock. */
    @Transactional
    public Answer changeStatus(Request request, CaseStatus target, String reason) {
        return change(request, (c, now) -> {
            CaseStatus from = c.status;
            switch (target) {
                case IN_PROGRESS -> StatusTable.START_WORK.requireFrom(c.status);
                case WAITING_ON_CUSTOMER -> StatusTable.WAIT_ON_CUSTOMER.requireFrom(c.status);
                default -> throw InvalidInputException.of("status", "must be IN_PROGRESS or WAITING_ON_CUSTOMER");
            }
            resume(c, now);
            if (target == CaseStatus.WAITING_ON_CUSTOMER) {
                c.pausedSince = now;
            }
            moveTo(c, target, now, request, reason);
            return new CaseStatusChanged(c.id, request.actor(), c.attempt, c.status, from, target, c.owner);
        });
    }

    /** A concrete promise to the customer, due in the future: 201 with the new promise. */
    @Transactional
    public Answer makePromise(Request request, String description, Instant dueAt) {
        UUID promiseId = UUID.randomUUID();
        return change(request, false, (c, now) -> {
            requireFuture(dueAt, now, "dueAt");
            CasePromise promise = new CasePromise();
            promise.id = promiseId;
            promise.caseId = c.id;
            promise.description = description;
            promise.agreeOn(dueAt, now, SlaPolicy.warningAt(dueAt, Duration.between(now, dueAt)));
            promise.state = PromiseState.OPEN;
            promise.madeBy = request.actor();
            promise.madeAt = now;
            promise.persist();
            history(c, now, request, "promise", null, promiseId.toString(), null);
            return new CasePromiseMade(c.id, request.actor(), c.attempt, c.status, promiseId, dueAt, now, c.owner);
        }, c -> replies.promiseMade(CasePromise.findById(promiseId)));
    }

    /** Only an OPEN promise can be kept; KEPT and BROKEN are final. */
    @Transactional
    public Answer keepPromise(Request request, UUID promiseId, String note) {
        return change(request, PROMISES_OUTLIVE_THE_CASE, (c, now) -> {
            CasePromise promise = openPromise(c, promiseId);
            promise.state = PromiseState.KEPT;
            promise.keptAt = now;
            history(c, now, request, "promise", PromiseState.OPEN.name(), PromiseState.KEPT.name(), note);
            return new CasePromiseKept(c.id, request.actor(), c.attempt, c.status, promiseId, now, promise.dueAt, c.owner);
        });
    }

    /** A new due time agreed with the customer; the at-risk clock restarts from now. */
    @Transactional
    public Answer renegotiatePromise(Request request, UUID promiseId, Instant dueAt, String reason) {
        return change(request, PROMISES_OUTLIVE_THE_CASE, (c, now) -> {
            requireFuture(dueAt, now, "dueAt");
            CasePromise promise = openPromise(c, promiseId);
            Instant previous = promise.dueAt;
            promise.agreeOn(dueAt, now, SlaPolicy.warningAt(dueAt, Duration.between(now, dueAt)));
            promise.renegotiations++;
            history(c, now, request, "promise-due", Instants.format(previous), Instants.format(dueAt), reason);
            return new CasePromiseRenegotiated(c.id, request.actor(), c.attempt, c.status, promiseId, previous, dueAt,
                    promise.renegotiations, c.owner);
        });
    }

    /** Compensation offered: 201 with the new item. */
    @Transactional
    public Answer offerCompensation(Request request, CompensationKind kind, BigDecimal amount, String currency,
                                    String description) {
        UUID compensationId = UUID.randomUUID();
        return change(request, false, compensationOffer(request, compensationId, kind, amount, currency, description),
                c -> replies.compensationOffered(CaseCompensation.findById(compensationId)));
    }

    private static Change compensationOffer(Request request, UUID compensationId, CompensationKind kind, BigDecimal amount,
                                            String currency, String description) {
        return (c, now) -> {
            CaseCompensation compensation = new CaseCompensation();
            compensation.id = compensationId;
            compensation.caseId = c.id;
            compensation.kind = kind.name();
            compensation.amount = amount;
            compensation.currency = currency;
            compensation.description = description;
            compensation.offeredBy = request.actor();
            compensation.offeredAt = now;
            compensation.persist();
            history(c, now, request, "compensation", null, compensationId.toString(), null);
            return new CaseCompensationOffered(c.id, request.actor(), c.attempt, c.status, compensationId, kind, amount,
                    currency, c.owner);
        };
    }

    private CasePromise openPromise(SupportCase c, UUID promiseId) {
        CasePromise promise = cases.promiseOf(c.id, promiseId)
                .orElseThrow(() -> new NotFoundException("No promise " + promiseId + " on case " + c.id + "."));
        if (promise.state != PromiseState.OPEN) {
            throw new ConflictException("The promise is " + promise.state + ": only an OPEN promise can change.");
        }
        return promise;
    }

    private static void requireFuture(Instant instant, Instant now, String field) {
        if (!instant.isAfter(now)) {
            throw InvalidInputException.of(field, "must be in the future");
        }
    }

    /** A resolution attempt: the case is RESOLVED until the customer's verdict or a reopen. */
    @Transactional
    public Answer resolve(Request request, Outcome outcome, String summary, Cause cause, Verdict expectedVerdict) {
        return change(request, resolution(request, outcome, summary, cause, expectedVerdict));
    }

    private static Change resolution(Request request, Outcome outcome, String summary, Cause cause, Verdict expectedVerdict) {
        return (c, now) -> {
            StatusTable.RESOLVE.requireFrom(c.status);
            resume(c, now);
            CaseResolution resolution = new CaseResolution();
            resolution.caseId = c.id;
            resolution.attempt = c.attempt;
            resolution.outcome = outcome.name();
            resolution.summary = summary;
            resolution.cause = cause.name();
            resolution.expectedVerdict = expectedVerdict.name();
            resolution.resolvedBy = request.actor();
            resolution.resolvedAt = now;
            resolution.persist();
            c.resolvedAt = now;
            moveTo(c, StatusTable.RESOLVE.to(), now, request, null);
            boolean compensationOffered = CaseCompensation.count("caseId", c.id) > 0;
            return new CaseResolved(c.id, request.actor(), c.attempt, c.status, c.owner, outcome, cause, expectedVerdict,
                    now, compensationOffered);
        };
    }

    /**
     * One case's part of a bulk action: the same change as the single endpoint (history, version,
     * event, the caller as actor) in the caller's transaction, which has locked the case, without an
     * answer. A case whose status does not take it, or that has the value already, is left alone: false.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyBulk(SupportCase c, String actor, BulkAction action) {
        if (!action.allows(c.status)) {
            return false;
        }
        Request request = new Request(c.id, actor, null, null, null, null);
        Change change;
        if (action instanceof BulkAction.Acknowledge a) {
            change = acknowledgement(request, a.apology(), a.message());
        } else if (action instanceof BulkAction.SetOwner o) {
            change = ownerChange(request, o.owner(), o.reason());
        } else if (action instanceof BulkAction.OfferCompensation k) {
            change = compensationOffer(request, UUID.randomUUID(), k.kind(), k.amount(), k.currency(), k.description());
        } else {
            BulkAction.Resolve r = (BulkAction.Resolve) action;
            change = resolution(request, r.outcome(), r.summary(), r.cause(), r.expectedVerdict());
        }
        Instant now = Instants.truncate(clock.instant());
        EventData event = change.apply(c, now);
        if (event == null) {
            return false;
        }
        String id = c.id.toString();
        outbox.write(id, id, now, event);
        return true;
    }

    /** An agent reopens a resolved case: a new attempt with a fresh resolve clock. */
    @Transactional
    public Answer reopen(Request request, String reason) {
        return change(request, (c, now) -> {
            StatusTable.AGENT_REOPEN.requireFrom(c.status);
            return reopened(c, now, request.actor(), ReopenedBy.AGENT, reason, null);
        });
    }

    /**
     * The customer's verdict on an attempt (from survey.answered). It is recorded on that attempt;
     * only a verdict on the current attempt moves the case: NO reopens it (even when closed), YES
     * or PARTLY closes a resolved case.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyVerdict(SurveyAnswered answer) {
        UUID caseId = answer.incidentId();
        SupportCase c = SupportCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw new IllegalStateException("survey answered for unknown case " + caseId);
        }
        Instant now = Instants.truncate(clock.instant());
        Verdict verdict = answer.resolvedSatisfactorily();
        cases.resolutionOf(caseId, answer.attempt()).ifPresent(resolution -> {
            c.record(now, CaseService.CUSTOMER, "verdict", resolution.customerVerdict, verdict.name(), null);
            voice.keepAnswer(resolution, answer);
        });
        if (answer.attempt() != c.attempt) {
            return;
        }
        Request customer = new Request(caseId, CaseService.CUSTOMER, CaseService.CUSTOMER, null, null, null);
        EventData event = null;
        if (verdict == Verdict.NO && StatusTable.CUSTOMER_SAYS_NO.allowsFrom(c.status)) {
            // The customer's own words as the reason, now or when the comment arrives (CustomerVoice).
            event = reopened(c, now, CaseService.CUSTOMER, ReopenedBy.CUSTOMER,
                    voice.commentOn(answer.invitationId()), answer.invitationId());
        } else if (verdict != Verdict.NO && StatusTable.CUSTOMER_SAYS_YES_OR_PARTLY.allowsFrom(c.status)) {
            c.closedAt = now;
            moveTo(c, StatusTable.CUSTOMER_SAYS_YES_OR_PARTLY.to(), now, customer, null);
            event = new CaseClosed(c.id, CaseService.CUSTOMER, c.attempt, c.status, now, ClosedBy.CUSTOMER_VERDICT, c.owner);
        }
        if (event != null) {
            outbox.write(c.id.toString(), c.id.toString(), now, event);
        }
    }

    private CaseReopened reopened(SupportCase c, Instant now, String actor, ReopenedBy by, String reason,
                                  UUID commentOf) {
        c.reopenCount++;
        c.attempt = c.reopenCount + 1;
        c.closedAt = null;
        Duration resolveTarget = sla.resolveTarget(SlaPolicy.effectiveSeverity(c.severity, c.isPublic));
        c.resolveBy = now.plus(resolveTarget);
        c.resolveWarnAt = SlaPolicy.warningAt(c.resolveBy, resolveTarget);
        // breached covers the current attempt only.
        c.breached = false;
        moveTo(c, StatusTable.AGENT_REOPEN.to(), now, new Request(c.id, actor, actor, null, null, null), reason)
                .commentOf = commentOf;
        return new CaseReopened(c.id, actor, c.attempt, c.status, now, by, c.resolveBy, c.owner);
    }

    /** Leaving WAITING_ON_CUSTOMER moves resolveBy (and its warning) later by the time the clock was paused. */
    private static void resume(SupportCase c, Instant now) {
        if (c.pausedSince != null) {
            Duration paused = Duration.between(c.pausedSince, now);
            c.resolveBy = c.resolveBy.plus(paused);
            c.resolveWarnAt = c.resolveWarnAt.plus(paused);
            c.pausedSince = null;
        }
    }

    /** A change to one locked case; answers null when it changed nothing. */
    @FunctionalInterface
    private interface Change {
        EventData apply(SupportCase c, Instant now);
    }

    /** Whether a change may be made to a CLOSED case. */
    private static final boolean PROMISES_OUTLIVE_THE_CASE = true;

    private Answer change(Request request, Change change) {
        return change(request, false, change);
    }

    private Answer change(Request request, boolean allowedWhenClosed, Change change) {
        return change(request, allowedWhenClosed, change,
                c -> replies.changed(c.id));
    }

    private Answer change(Request request, boolean allowedWhenClosed, Change change,
                          java.util.function.Function<SupportCase, Answer> answer) {
        return idempotencyKeys.once(request.client(), request.idempotencyKey(), request.requestHash(), () -> {
            SupportCase c = SupportCase.<SupportCase>findByIdOptional(request.caseId(), LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> new NotFoundException("No case " + request.caseId() + "."));
            checkVersion(c, request.expectedVersion());
            if (c.status == CaseStatus.CLOSED && !allowedWhenClosed) {
                throw new ConflictException("The case is closed: only its open promises can still be kept or renegotiated.");
            }
            Instant now = Instants.truncate(clock.instant());
            EventData event = change.apply(c, now);
            if (event != null) {
                String id = c.id.toString();
                outbox.write(id, id, now, event);
            }
            return answer.apply(c);
        });
    }

    /** A change to a case read at an older version is refused. */
    private static void checkVersion(SupportCase c, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != c.version) {
            throw new StaleVersionException("The case is at version " + c.version + ", not " + expectedVersion
                    + ": read it again.");
        }
    }

    private static CaseHistoryEntry moveTo(SupportCase c, CaseStatus target, Instant now, Request request, String reason) {
        CaseHistoryEntry entry = history(c, now, request, "status", c.status.name(), target.name(), reason);
        c.status = target;
        return entry;
    }

    private static CaseHistoryEntry history(SupportCase c, Instant now, Request request, String change, String from,
                                            String to, String reason) {
        return c.record(now, request.actor(), change, from, to, reason);
    }
}
