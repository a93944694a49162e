package dev.amends.survey.service;

import dev.amends.common.events.EventData;
import dev.amends.common.events.ExpiryReason;
import dev.amends.common.events.SurveyExpired;
import dev.amends.common.events.SurveyInvited;
import dev.amends.common.events.SurveyReminded;
import dev.amends.common.json.Instants;
import dev.amends.common.outbox.OutboxWriter;
import dev.amends.survey.client.ContactLookup;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.page.PageLocale;
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
 * The scheduled steps of an invitation, each in its own transaction: send, remind, expire. A step
 * locks its row with {@code FOR UPDATE SKIP LOCKED}, so replicas never take the same invitation;
 * a mail goes out before the row is marked, so a crash in between means a resend with the same
 * link (at least once), never a lost invitation.
 */
@ApplicationScoped
public class InvitationWork {

    private final SurveyConfig config;
    private final SurveyTokens tokens;
    private final SurveyMail mail;
    private final ContactLookup contacts;
    private final OutboxWriter outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    public InvitationWork(SurveyConfig config, SurveyTokens tokens, SurveyMail mail, ContactLookup contacts,
                          OutboxWriter outbox, EntityManager entityManager, Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.mail = mail;
        this.contacts = contacts;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Invitations whose delay has passed. */
    @Transactional
    public List<UUID> dueToSend() {
        return entityManager.createNativeQuery(
                        "select id from invitation where state = 'SCHEDULED' and due_at <= :now order by due_at limit :limit",
                        UUID.class)
                .setParameter("now", now()).setParameter("limit", batchSize()).getResultList();
    }

    /** Mailed invitations that are unanswered, not reminded yet, and old enough for a reminder. */
    @Transactional
    public List<UUID> dueToRemind() {
        Instant now = now();
        return entityManager.createNativeQuery("""
                        select id from invitation where state = 'SENT' and reminded_at is null and expires_at > :now
                        and sent_at <= :sentBefore order by sent_at limit :limit""", UUID.class)
                .setParameter("now", now).setParameter("sentBefore", now.minus(config.reminderAfter()))
                .setParameter("limit", batchSize()).getResultList();
    }

    /**
     * Mails the invitation unless the customer has no email, or was invited for another incident
     * within the throttle period (a later attempt of a case invited before is always invited).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void send(UUID id) {
        Instant now = now();
        Optional<Invitation> locked = lock(id, "state = 'SCHEDULED'");
        if (locked.isEmpty()) {
            return;
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
            return;
        }
        Optional<ContactLookup.Contact> contact = contacts.contactOf(invitation.incidentId);
        if (contact.isEmpty()) {
            Invitations.close(invitation, InvitationState.NO_EMAIL, now);
            return;
        }
        invitation.locale = PageLocale.of(contact.get().locale());
        invitation.sentAt = now;
        invitation.expiresAt = now.plus(config.linkValidFor());
        mail.send(contact.get().email(), invitation.locale, tokens.token(invitation.tokenSeed), invitation.expiresAt, false);
        invitation.state = InvitationState.SENT;
        publish(invitation, now, new SurveyInvited(invitation.incidentId, invitation.attempt, invitation.id,
                invitation.customerRef, now, invitation.expiresAt, invitation.locale));
    }

    /** One reminder with the same link; a customer without an email (erased meanwhile) gets none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remind(UUID id) {
        Instant now = now();
        Optional<Invitation> locked = lock(id, "state = 'SENT' and reminded_at is null");
        if (locked.isEmpty()) {
            return;
        }
        Invitation invitation = locked.get();
        invitation.remindedAt = now;
        Optional<ContactLookup.Contact> contact = contacts.contactOf(invitation.incidentId);
        if (contact.isPresent()) {
            mail.send(contact.get().email(), invitation.locale, tokens.token(invitation.tokenSeed),
                    invitation.expiresAt, true);
            publish(invitation, now, new SurveyReminded(invitation.incidentId, invitation.attempt, invitation.id, now));
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

    private Optional<Invitation> lock(UUID id, String condition) {
        List<UUID> locked = entityManager.createNativeQuery(
                        "select id from invitation where id = :id and " + condition + " for update skip locked", UUID.class)
                .setParameter("id", id).getResultList();
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
