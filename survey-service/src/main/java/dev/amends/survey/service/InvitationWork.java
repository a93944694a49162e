package dev.amends.survey.service;

import dev.amends.common.events.EventData;
import dev.amends.common.events.ExpiryReason;
import dev.amends.common.events.SurveyExpired;
import dev.amends.common.events.SurveyInvited;
import dev.amends.common.events.SurveyReminded;
import dev.amends.common.events.SurveyUndeliverable;
import dev.amends.common.events.UndeliverableReason;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationRepository;
import dev.amends.survey.repository.RecoveryRollups;
import dev.amends.survey.repository.InvitationState;
import dev.amends.survey.text.PageLocale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The database steps of mailing an invitation or a reminder, each its own short transaction;
 * {@link InvitationDelivery} calls intake and SMTP between them, outside any transaction. A claim
 * locks the row ({@link InvitationRepository}) and gives this replica a lease, so replicas never
 * mail the same invitation at once; the row is marked sent only after SMTP took the mail, so a
 * crash in between means a resend with the same link (at least once), never a lost invitation.
 */
@ApplicationScoped
public class InvitationWork {

    /** What a replica needs to mail an invitation it has claimed. */
    public record Claim(UUID id, UUID incidentId, byte[] tokenSeed, String locale, Instant expiresAt) {
    }

    private final SurveyConfig config;
    private final OutboxWriter outbox;
    private final InvitationRepository invitations;
    private final Clock clock;
    private final DeliveryRetries retries;
    private final RecoveryRollups rollups;

    public InvitationWork(SurveyConfig config, OutboxWriter outbox, InvitationRepository invitations, Clock clock,
                          RecoveryRollups rollups) {
        this.rollups = rollups;
        this.config = config;
        this.outbox = outbox;
        this.invitations = invitations;
        this.clock = clock;
        this.retries = DeliveryRetries.of(config.mail());
    }

    /** Invitations whose delay has passed and that are not waiting after a failure, the longest due first. */
    @Transactional
    public List<UUID> dueToSend() {
        return invitations.dueToSend(now(), batchSize());
    }

    /** Mailed invitations that are unanswered, not reminded yet, and old enough for a reminder. */
    @Transactional
    public List<UUID> dueToRemind() {
        Instant now = now();
        return invitations.dueToRemind(now, now.minus(config.reminderAfter()), batchSize());
    }

    /**
     * Claims a due invitation for this replica unless the customer was invited for another
     * incident within the throttle period (a later attempt of a case invited before is always
     * invited); while another of the customer's invitations is being mailed, it waits for that one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimToSend(UUID id) {
        Instant now = now();
        Optional<Invitation> locked = invitations.lockToSend(id, now);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Invitation invitation = locked.get();
        // One decision per customer at a time, across replicas: the throttle counts sent invitations.
        invitations.lockCustomer(invitation.customerRef);
        boolean invitedBefore = invitations.invitedBefore(invitation.incidentId);
        boolean invitedRecently = invitations.invitedSince(invitation.customerRef, now.minus(config.throttlePeriod()));
        if (!invitedBefore && invitedRecently) {
            Invitations.close(invitation, InvitationState.THROTTLED, now);
            return Optional.empty();
        }
        Optional<Instant> otherBeingMailed = invitations.otherBeingMailedUntil(invitation.customerRef, id, now);
        if (otherBeingMailed.isPresent()) {
            invitation.nextTryAt = otherBeingMailed.get();
            return Optional.empty();
        }
        invitation.sendingUntil = now.plus(config.mail().sendLease());
        return Optional.of(new Claim(id, invitation.incidentId, invitation.tokenSeed, invitation.locale,
                now.plus(config.linkValidFor())));
    }

    /** SMTP took the invitation: it is sent, and its link valid from now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(Claim claim, String locale) {
        Instant now = now();
        Invitation invitation = Invitation.findById(claim.id());
        if (invitation.state != InvitationState.SCHEDULED) {
            return;
        }
        invitation.locale = PageLocale.of(locale);
        invitation.sentAt = now;
        invitation.expiresAt = claim.expiresAt();
        invitation.state = InvitationState.SENT;
        delivered(invitation);
        rollups.changed(invitation.incidentId);
        publish(invitation, now, new SurveyInvited(invitation.incidentId, invitation.attempt, invitation.id,
                invitation.customerRef, now, invitation.expiresAt, invitation.locale));
    }

    /** The customer has no email (any more): not invited, as before. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void noEmail(Claim claim) {
        Invitation invitation = Invitation.findById(claim.id());
        if (invitation.state == InvitationState.SCHEDULED) {
            Invitations.close(invitation, InvitationState.NO_EMAIL, now());
            delivered(invitation);
        }
    }

    /** Claims a due reminder for this replica. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimToRemind(UUID id) {
        Instant now = now();
        Optional<Invitation> locked = invitations.lockToRemind(id, now);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Invitation invitation = locked.get();
        invitation.sendingUntil = now.plus(config.mail().sendLease());
        return Optional.of(new Claim(id, invitation.incidentId, invitation.tokenSeed, invitation.locale,
                invitation.expiresAt));
    }

    /** The reminder went out (or cannot: a customer erased meanwhile gets none). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reminded(Claim claim, boolean mailed) {
        Instant now = now();
        Invitation invitation = Invitation.findById(claim.id());
        if (invitation.remindedAt != null) {
            return;
        }
        invitation.remindedAt = now;
        delivered(invitation);
        if (mailed) {
            publish(invitation, now, new SurveyReminded(invitation.incidentId, invitation.attempt, invitation.id, now));
        }
    }

    /**
     * A try failed. A permanent failure ends the invitation at once as undeliverable; a passing one
     * waits with growing pauses and gives up when failures have lasted the give-up period. A
     * reminder that cannot be delivered is simply not sent.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claim claim, UndeliverableReason reason, boolean permanent) {
        Instant now = now();
        Invitation invitation = Invitation.findById(claim.id());
        invitation.tries++;
        invitation.sendingUntil = null;
        if (invitation.failingSince == null) {
            invitation.failingSince = now;
        }
        boolean givesUp = permanent || retries.givesUp(invitation.failingSince, now);
        if (!givesUp) {
            invitation.nextTryAt = retries.nextTry(invitation.tries, now);
        } else if (invitation.state == InvitationState.SCHEDULED) {
            Invitations.close(invitation, InvitationState.UNDELIVERABLE, now);
            rollups.changed(invitation.incidentId);
            publish(invitation, now, new SurveyUndeliverable(invitation.incidentId, invitation.attempt, invitation.id,
                    invitation.customerRef, reason, now, invitation.tries));
        } else {
            invitation.remindedAt = now;
        }
    }

    /** Unanswered invitations whose link has expired: one batch, answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int expire() {
        Instant now = now();
        List<UUID> expired = invitations.lockExpired(now, batchSize());
        for (UUID id : expired) {
            Invitation invitation = Invitation.findById(id);
            Invitations.close(invitation, InvitationState.EXPIRED, now);
            publish(invitation, now, new SurveyExpired(invitation.incidentId, invitation.attempt, invitation.id,
                    ExpiryReason.EXPIRED, now));
        }
        return expired.size();
    }

    public int batchSize() {
        return config.timers().batchSize();
    }

    private static void delivered(Invitation invitation) {
        invitation.sendingUntil = null;
        invitation.nextTryAt = null;
        invitation.failingSince = null;
        invitation.tries = 0;
    }

    private void publish(Invitation invitation, Instant now, EventData event) {
        String key = invitation.incidentId.toString();
        outbox.write(key, key, now, event);
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }
}
