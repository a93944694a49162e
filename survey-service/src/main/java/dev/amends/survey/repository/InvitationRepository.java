package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries of invitations, among them the scheduled work's: what is due, and the row locks
 * ({@code FOR UPDATE SKIP LOCKED}) by which replicas never work on the same invitation at once.
 * An invitation some replica is mailing carries a lease ({@code sending_until}) that the others respect.
 */
@ApplicationScoped
public class InvitationRepository {

    private final EntityManager entityManager;

    public InvitationRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Scheduled invitations whose delay has passed and that are not waiting after a failure, the longest due first. */
    @SuppressWarnings("unchecked")
    public List<UUID> dueToSend(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                        select id from invitation where state = 'SCHEDULED' and coalesce(next_try_at, due_at) <= :now
                        and (sending_until is null or sending_until <= :now)
                        order by coalesce(next_try_at, due_at) limit :limit""", UUID.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /**
     * Mailed invitations that are unanswered, not reminded yet, and sent at or before {@code sentBefore};
     * a customer who opted out gets no reminder.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> dueToRemind(Instant now, Instant sentBefore, int limit) {
        return entityManager.createNativeQuery("""
                        select id from invitation i where state = 'SENT' and reminded_at is null and expires_at > :now
                        and sent_at <= :sentBefore and (next_try_at is null or next_try_at <= :now)
                        and (sending_until is null or sending_until <= :now)
                        and not exists (select 1 from opt_out o where o.customer_ref = i.customer_ref)
                        order by sent_at limit :limit""", UUID.class)
                .setParameter("now", now).setParameter("sentBefore", sentBefore).setParameter("limit", limit)
                .getResultList();
    }

    /** The invitation, locked, if it is still scheduled and no replica holds a lease on it. */
    public Optional<Invitation> lockToSend(UUID id, Instant now) {
        return lock(id, "state = 'SCHEDULED'", now);
    }

    /** The invitation, locked, if it was mailed, not reminded yet, and no replica holds a lease on it. */
    public Optional<Invitation> lockToRemind(UUID id, Instant now) {
        return lock(id, "state = 'SENT' and reminded_at is null", now);
    }

    /** Mailed invitations whose link has expired, locked. */
    @SuppressWarnings("unchecked")
    public List<UUID> lockExpired(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                        select id from invitation where state = 'SENT' and expires_at <= :now
                        order by expires_at limit :limit for update skip locked""", UUID.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /** Holds the customer's lock until the transaction ends: one throttle decision per customer at a time. */
    public void lockCustomer(String customerRef) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:ref))")
                .setParameter("ref", customerRef).getSingleResult();
    }

    /** Whether an invitation for any attempt of the incident was mailed. */
    public boolean invitedBefore(UUID incidentId) {
        return Invitation.count("incidentId = ?1 and sentAt is not null", incidentId) > 0;
    }

    /** Whether the customer was mailed an invitation after {@code since}. */
    public boolean invitedSince(String customerRef, Instant since) {
        return Invitation.count("customerRef = ?1 and sentAt > ?2", customerRef, since) > 0;
    }

    /** Until when another replica's lease on another of the customer's scheduled invitations runs, if one does. */
    public Optional<Instant> otherBeingMailedUntil(String customerRef, UUID id, Instant now) {
        return entityManager.createNativeQuery("""
                        select max(sending_until) from invitation
                        where customer_ref = :ref and id <> :id and state = 'SCHEDULED' and sending_until > :now""",
                        Instant.class)
                .setParameter("ref", customerRef).setParameter("id", id).setParameter("now", now)
                .getResultStream().filter(Objects::nonNull).findFirst().map(Instant.class::cast);
    }

    /** The incident's scheduled invitations of attempts before {@code attempt}. */
    public List<Invitation> scheduledBefore(UUID incidentId, int attempt) {
        return Invitation.list("incidentId = ?1 and attempt < ?2 and state = ?3", incidentId, attempt,
                InvitationState.SCHEDULED);
    }

    public List<Invitation> ofCustomer(String customerRef) {
        return Invitation.list("customerRef", customerRef);
    }

    @SuppressWarnings("unchecked")
    private Optional<Invitation> lock(UUID id, String condition, Instant now) {
        List<UUID> locked = entityManager.createNativeQuery("select id from invitation where id = :id and " + condition
                        + " and (sending_until is null or sending_until <= :now) for update skip locked", UUID.class)
                .setParameter("id", id).setParameter("now", now).getResultList();
        return locked.isEmpty() ? Optional.empty() : Optional.of(Invitation.findById(id));
    }
}
