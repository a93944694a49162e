package dev.amends.survey.service;

import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseCompensationOffered;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseOwnerChanged;
import dev.amends.common.events.CasePromiseBroken;
import dev.amends.common.events.CasePromiseKept;
import dev.amends.common.events.CasePromiseMade;
import dev.amends.common.events.CaseReopened;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseSlaBreached;
import dev.amends.common.events.CustomerLapsed;
import dev.amends.common.events.CustomerPersonalDataErased;
import dev.amends.common.events.CustomerReturned;
import dev.amends.common.events.DisruptionCustomersAffected;
import dev.amends.common.events.DisruptionCustomersHeldOut;
import dev.amends.common.events.DisruptionDeclared;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentEvent;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.PromiseState;
import dev.amends.survey.repository.AttemptView;
import dev.amends.survey.repository.CustomerMovements;
import dev.amends.survey.repository.DisruptionCustomers;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.PromiseView;
import dev.amends.survey.repository.RecoveryRollups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the read model: everything the invitations and the report need, from the events alone.
 * The two topics are not ordered against each other, so every event fills in only what it knows
 * and never overwrites what a later event of the same topic set.
 */
@ApplicationScoped
public class ReadModel {

    private final Invitations invitations;
    private final Interviews interviews;
    private final DisruptionCustomers disruptions;
    private final CustomerMovements customers;

    private final RecoveryRollups rollups;
    private final TouchedIncidents touched;

    public ReadModel(Invitations invitations, Interviews interviews, DisruptionCustomers disruptions,
                     CustomerMovements customers, RecoveryRollups rollups, TouchedIncidents touched) {
        this.rollups = rollups;
        this.touched = touched;
        this.invitations = invitations;
        this.interviews = interviews;
        this.disruptions = disruptions;
        this.customers = customers;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventData data) {
        if (data instanceof IncidentReported reported) {
            IncidentView view = IncidentView.of(reported.incidentId());
            describe(view, reported.customerRef(), reported.channel().name(), reported.category(),
                    reported.severity().name(), reported.reportedAt());
            cameFrom(view, reported.origin(), reported.disruptionId());
        } else if (data instanceof CaseOpened opened) {
            IncidentView view = IncidentView.of(opened.incidentId());
            describe(view, opened.customerRef(), opened.channel().name(), opened.category(),
                    opened.severity().name(), opened.reportedAt());
            cameFrom(view, opened.origin(), opened.disruptionId());
            view.acknowledgeBy = opened.acknowledgeBy();
        } else if (data instanceof IncidentLinked linked) {
            IncidentView.of(linked.incidentId()).disruptionId = linked.disruptionId();
        } else if (data instanceof CaseOwnerChanged changed) {
            IncidentView view = IncidentView.of(changed.incidentId());
            view.owner = changed.owner();
            view.ownerChanges = Math.max(view.ownerChanges, changed.ownerChanges());
        } else if (data instanceof CaseAcknowledged acknowledged) {
            acknowledged(acknowledged);
        } else if (data instanceof CaseSlaBreached breached) {
            IncidentView.of(breached.incidentId()).slaBreached = true;
        } else if (data instanceof CaseCompensationOffered offered) {
            IncidentView.of(offered.incidentId()).compensationOffered = true;
        } else if (data instanceof CasePromiseMade made) {
            promise(made.incidentId(), made.promiseId(), PromiseState.OPEN);
        } else if (data instanceof CasePromiseKept kept) {
            promise(kept.incidentId(), kept.promiseId(), PromiseState.KEPT);
        } else if (data instanceof CasePromiseBroken broken) {
            promise(broken.incidentId(), broken.promiseId(), PromiseState.BROKEN);
        } else if (data instanceof CaseResolved resolved) {
            resolved(resolved);
        } else if (data instanceof CaseReopened reopened) {
            IncidentView view = IncidentView.of(reopened.incidentId());
            view.currentAttempt = Math.max(view.currentAttempt, reopened.attempt());
            invitations.cancelBefore(reopened.incidentId(), reopened.attempt());
        } else if (data instanceof CustomerPersonalDataErased erased) {
            invitations.erase(erased.customerRef());
            interviews.erase(erased.customerRef());
        } else if (data instanceof DisruptionDeclared declared) {
            disruptions.declared(declared.disruptionId(), declared.startedAt(), declared.declaredAt());
        } else if (data instanceof DisruptionCustomersAffected affected) {
            disruptions.affected(affected.disruptionId(), affected.customerRefs());
        } else if (data instanceof DisruptionCustomersHeldOut heldOut) {
            disruptions.heldOut(heldOut.disruptionId(), heldOut.customerRefs(), heldOut.heldOutAt());
        } else if (data instanceof CustomerLapsed lapsed) {
            customers.lapsed(lapsed.customerRef(), lapsed.lapsedAt(), lapsed.valueTier().name());
            interviews.schedule(lapsed);
        } else if (data instanceof CustomerReturned returned) {
            customers.returned(returned.customerRef(), returned.returnedAt());
        }
        if (data instanceof IncidentEvent event) {
            touched.add(event.incidentId());
        }
    }

    /** Marks every incident the transaction's events touched (once each) for the recovery rollup's catch-up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markTouched() {
        rollups.changed(touched.drain());
    }

    /** Forgets the touched incidents without marking them: the report benchmark's baseline, the rollup left out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void discardTouched() {
        touched.drain();
    }

    /** The first acknowledgement is the one the apology and the deadline figures judge. */
    private static void acknowledged(CaseAcknowledged acknowledged) {
        IncidentView view = IncidentView.of(acknowledged.incidentId());
        view.owner = acknowledged.owner();
        if (view.acknowledgedAt == null || acknowledged.acknowledgedAt().isBefore(view.acknowledgedAt)) {
            view.acknowledgedAt = acknowledged.acknowledgedAt();
            view.apology = acknowledged.apology();
        }
    }

    private void resolved(CaseResolved resolved) {
        IncidentView view = IncidentView.of(resolved.incidentId());
        view.currentAttempt = Math.max(view.currentAttempt, resolved.attempt());
        view.firstResolvedAt = earliest(view.firstResolvedAt, resolved.resolvedAt());
        view.compensationOffered |= resolved.compensationOffered();
        if (AttemptView.findById(new AttemptView.Key(resolved.incidentId(), resolved.attempt())) == null) {
            AttemptView attempt = new AttemptView();
            attempt.incidentId = resolved.incidentId();
            attempt.attempt = resolved.attempt();
            attempt.owner = resolved.owner();
            attempt.cause = resolved.cause().name();
            attempt.expectedVerdict = resolved.expectedVerdict().name();
            attempt.resolvedAt = resolved.resolvedAt();
            attempt.persist();
        }
        invitations.cancelBefore(resolved.incidentId(), resolved.attempt());
        invitations.schedule(view, resolved.attempt(), resolved.resolvedAt());
    }

    private static void describe(IncidentView view, String customerRef, String channel, String category,
                                 String severity, Instant reportedAt) {
        view.customerRef = customerRef;
        view.channel = channel;
        view.category = category;
        view.severity = severity;
        view.reportedAt = reportedAt;
    }

    /** A link never goes away: case.opened may arrive after incident.linked and carry no disruption. */
    private static void cameFrom(IncidentView view, Origin origin, UUID disruptionId) {
        view.origin = origin.name();
        if (disruptionId != null) {
            view.disruptionId = disruptionId;
        }
    }

    /** Promise events of one case arrive in order on one partition; a final state is never undone. */
    private static void promise(UUID incidentId, UUID promiseId, PromiseState state) {
        PromiseView promise = PromiseView.findById(promiseId);
        if (promise == null) {
            promise = new PromiseView();
            promise.promiseId = promiseId;
            promise.incidentId = incidentId;
            promise.state = state;
            promise.persist();
        } else if (promise.state == PromiseState.OPEN) {
            promise.state = state;
        }
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
