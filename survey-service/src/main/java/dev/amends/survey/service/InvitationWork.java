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
import dev.amends.survey.text.PageLocale;
import dev.amends.survey.repository.Invitation;
import dev.amends.survey.repository.InvitationState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The database steps of mailing an invitation or a reminder, each its own short transaction;
 * {@link InvitationDelivery} calls intake and SMTP between them, outside any transaction. A claim
 * locks the row ({@code FOR UPDATE SKIP LOCKED}) and gives this replica a lease, so replicas never
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
    private final EntityManager entityManager;
    private final Clock clock;
    private final DeliveryRetries retries;

    public InvitationWork(SurveyConfig config, OutboxWriter outbox, EntityManager entityManager, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
        this.retries = DeliveryRetries.of(config.mail());
    }

    /** Invitations whose delay has passed and that are not waiting after a failure, the longest due first. */
    @Transactional
    public List<UUID> dueToSend() {
        return entityManager.createNativeQuery("""
                        select id from invitation where state = 'SCHEDULED' and coalesce(next_try_at, due_at) <= :now
                        and (sending_until is null or sending_until <= :now)
                        order by coalesce(next_try_at, due_at) limit :limit""", UUID.class)
                .setParameter("now", now()).setParameter("limit", batchSize()).getResultList();
    }

    /** Mailed invitations that are unanswered, not reminded yet, and old enough for a reminder. */
    @Transactional
    public List<UUID> dueToRemind() {
        Instant now = now();
        return entityManager.createNativeQuery("""
                        select id from invitation where state = 'SENT' and reminded_at is null and expires_at > :now
                        and sent_at <= :sentBefore and (next_try_at is null or next_try_at <= :now)
                        and (sending_until is null or sending_until <= :now)
                        order by sent_at limit :limit""", UUID.class)
                .setParameter("now", now).setParameter("sentBefore", now.minus(config.reminderAfter()))
                .setParameter("limit", batchSize()).getResultList();
    }

    /**
     * Claims a due invitation for this replica unless the customer was invited for another
     * incident within the throttle period (a later attempt of a case invited before is always
     * invited); while another of the customer's invitations is being mailed, it waits for that one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimToSend(UUID id) {
        Instant now = now();
        Optional<Invitation> locked = lock(id, "state = 'SCHEDULED'", now);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Invitation invitation = locked.get();
        // One decision per customer at a time, across replicas: the throttle counts sent invitations.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:ref))")
                .setParameter("ref", invitation.customerRef).getSingleResult();
        boolean invitedBefore = Invitation.count("incidentId = ?1 and sentAt is not null", invitation.incidentId) > 0;
        boolean invitedRecently = Invitation.count("customerRef = ?1 and sentAt > ?2", invitation.customerRef,
                now.minus(config.throttlePeriod())) > 0;
        if (!invitedBefore && invitedRecently) {
            Invitations.close(invitation, InvitationState.THROTTLED, now);
            return Optional.empty();
        }
        Optional<Instant> otherBeingMailed = entityManager.createNativeQuery("""
                        select max(sending_until) from invitation
                        where customer_ref = :ref and id <> :id and state = 'SCHEDULED' and sending_until > :now""",
                        Instant.class)
                .setParameter("ref", invitation.customerRef).setParameter("id", id).setParameter("now", now)
                .getResultStream().filter(java.util.Objects::nonNull).findFirst().map(Instant.class::cast);
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
        Optional<Invitation> locked = lock(id, "state = 'SENT' and reminded_at is null", now);
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
        List<UUID> expired = entityManager.createNativeQuery("""
                        select id from invitation where state = 'SENT' and expires_at <= :now
                        order by expires_at limit :limit for update skip locked""", UUID.class)
                .setParameter("now", now).setParameter("limit", batchSize()).getResultList();
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

    private Optional<Invitation> lock(UUID id, String condition, Instant now) {
        List<UUID> locked = entityManager.createNativeQuery("select id from invitation where id = :id and " + condition
                        + " and (sending_until is null or sending_until <= :now) for update skip locked", UUID.class)
                .setParameter("id", id).setParameter("now", now).getResultList();
        return locked.isEmpty() ? Optional.empty() : Optional.of(Invitation.findById(id));
    }

    private void publish(Invitation invitation, Instant now, EventData event) {
        String key = invitation.incidentId.toString();
        outbox.write(key, key, now, event);
    }

    private Instant now() {
        return Instants.truncate(clock.instant());
    }
}
