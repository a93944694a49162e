package dev.amends.survey.service;

import dev.amends.common.events.ExpiryReason;
import dev.amends.common.events.Origin;
import dev.amends.common.events.SurveyExpired;
import dev.amends.common.events.Topics;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.repository.IncidentView;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationRepository;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.repository.OptOut;
import dev.amends.survey.repository.SurveyAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Invitations as the case moves: one scheduled per resolution attempt, cancelled by a newer attempt. */
@ApplicationScoped
public class Invitations {

    private static final Logger LOG = Logger.getLogger(Invitations.class);

    private final SurveyConfig config;
    private final SurveyTokens tokens;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final InvitationRepository invitations;

    public Invitations(SurveyConfig config, SurveyTokens tokens, OutboxWriter outbox, Clock clock,
                       InvitationRepository invitations) {
        this.invitations = invitations;
        this.config = config;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The invitation of a resolution attempt, due after the configured delay; once per attempt.
     * A resolution older than a link's validity is not invited: that is a replay of the topics
     * (a rebuilt read model), and a rebuild sends no mail.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(IncidentView incident, int attempt, Instant resolvedAt) {
        if (Invitation.count("incidentId = ?1 and attempt = ?2", incident.incidentId, attempt) > 0) {
            return;
        }
        if (!resolvedAt.plus(config.linkValidFor()).isAfter(clock.instant())) {
            LOG.debugf("case %s resolved at %s, longer ago than a link is valid: no invitation", incident.incidentId,
                    resolvedAt);
            return;
        }
        if (incident.customerRef == null) {
            // case.opened precedes case.resolved on the same partition, so this means a lost history.
            LOG.warnf("case %s resolved without a known customerRef: no invitation", incident.incidentId);
            return;
        }
        if (Origin.WIN_BACK.name().equals(incident.origin)) {
            // A win-back case is the company calling a customer who left: no survey about it (contract section 9).
            LOG.debugf("case %s is a win-back: no invitation", incident.incidentId);
            return;
        }
        if (OptOut.of(incident.customerRef)) {
            LOG.debugf("case %s resolved for a customer who opted out: no invitation", incident.incidentId);
            return;
        }
        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.incidentId = incident.incidentId;
        invitation.attempt = attempt;
        invitation.customerRef = incident.customerRef;
        invitation.state = InvitationState.SCHEDULED;
        invitation.tokenSeed = tokens.newSeed();
        invitation.tokenHash = tokens.hash(tokens.token(invitation.tokenSeed));
        invitation.dueAt = resolvedAt.plus(config.invitationDelay());
        invitation.compensationOffered = incident.compensationOffered;
        invitation.persist();
    }

    /** A reopen or a new attempt cancels the invitations of earlier attempts not mailed yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelBefore(UUID incidentId, int attempt) {
        List<Invitation> scheduled = invitations.scheduledBefore(incidentId, attempt);
        Instant now = Instants.truncate(clock.instant());
        for (Invitation invitation : scheduled) {
            close(invitation, InvitationState.CANCELLED, now);
            outbox.write(incidentId.toString(), incidentId.toString(), now, new SurveyExpired(invitation.incidentId,
                    invitation.attempt, invitation.id, ExpiryReason.CANCELLED, now));
        }
    }

    /**
     * The customer's personal data was erased: their comments go, and invitations not mailed yet
     * are cancelled. Statistics (verdicts, ratings) stay.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String customerRef) {
        Instant now = Instants.truncate(clock.instant());
        for (Invitation invitation : invitations.ofCustomer(customerRef)) {
            SurveyAnswer answer = SurveyAnswer.findById(invitation.id);
            if (answer != null && answer.comment != null) {
                answer.comment = null;
                outbox.writePlain(Topics.COMMENTS, invitation.id.toString(), null);
            }
            cancelIfScheduled(invitation, now);
        }
    }

    /** The customer opted out: their invitations not mailed yet are cancelled. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelScheduledOf(String customerRef) {
        Instant now = Instants.truncate(clock.instant());
        invitations.ofCustomer(customerRef).forEach(invitation -> cancelIfScheduled(invitation, now));
    }

    private void cancelIfScheduled(Invitation invitation, Instant now) {
        if (invitation.state == InvitationState.SCHEDULED) {
            close(invitation, InvitationState.CANCELLED, now);
            String key = invitation.incidentId.toString();
            outbox.write(key, key, now, new SurveyExpired(invitation.incidentId, invitation.attempt,
                    invitation.id, ExpiryReason.CANCELLED, now));
        }
    }

    static void close(Invitation invitation, InvitationState state, Instant now) {
        invitation.state = state;
        invitation.closedAt = now;
    }
}
