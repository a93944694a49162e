package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The queries of exit interviews: what is due, the row locks by which replicas never work on the
 * same interview at once (as {@link InvitationRepository}'s), and the incident that qualifies one.
 */
@ApplicationScoped
public class InterviewRepository {

    private final EntityManager entityManager;

    public InterviewRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public boolean exists(String customerRef, Instant lapsedAt) {
        return Interview.count("customerRef = ?1 and lapsedAt = ?2", customerRef, lapsedAt) > 0;
    }

    /** Scheduled interviews whose settle delay has passed and that are not waiting after a failure. */
    @SuppressWarnings("unchecked")
    public List<UUID> dueToSend(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                        select id from interview where state = 'SCHEDULED' and coalesce(next_try_at, due_at) <= :now
                        and (sending_until is null or sending_until <= :now)
                        order by coalesce(next_try_at, due_at) limit :limit""", UUID.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /** The interview, locked, if it is still scheduled and no replica holds a lease on it. */
    @SuppressWarnings("unchecked")
    public Optional<Interview> lockToSend(UUID id, Instant now) {
        List<UUID> locked = entityManager.createNativeQuery("""
                        select id from interview where id = :id and state = 'SCHEDULED'
                        and (sending_until is null or sending_until <= :now) for update skip locked""", UUID.class)
                .setParameter("id", id).setParameter("now", now).getResultList();
        return locked.isEmpty() ? Optional.empty() : Optional.of(Interview.findById(id));
    }

    /** Mailed interviews whose link has expired, locked. */
    @SuppressWarnings("unchecked")
    public List<UUID> lockExpired(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                        select id from interview where state = 'SENT' and expires_at <= :now
                        order by expires_at limit :limit for update skip locked""", UUID.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /** Whether the customer was mailed an interview after {@code since}. */
    public boolean interviewedSince(String customerRef, Instant since) {
        return Interview.count("customerRef = ?1 and sentAt > ?2", customerRef, since) > 0;
    }

    /** Until when another replica's lease on another of the customer's scheduled interviews runs, if one does. */
    public Optional<Instant> otherBeingMailedUntil(String customerRef, UUID id, Instant now) {
        return entityManager.createNativeQuery("""
                        select max(sending_until) from interview
                        where customer_ref = :ref and id <> :id and state = 'SCHEDULED' and sending_until > :now""",
                        Instant.class)
                .setParameter("ref", customerRef).setParameter("id", id).setParameter("now", now)
                .getResultStream().filter(Objects::nonNull).findFirst().map(Instant.class::cast);
    }

    /**
     * The customer's latest incident reported in [{@code from}, {@code until}]; a win-back case is
     * the company's call, not a problem the customer had, so it qualifies no interview.
     */
    public Optional<IncidentView> latestIncident(String customerRef, Instant from, Instant until) {
        return IncidentView.find("customerRef = ?1 and reportedAt >= ?2 and reportedAt <= ?3 and origin <> 'WIN_BACK' "
                + "order by reportedAt desc", customerRef, from, until).firstResultOptional();
    }

    public List<Interview> ofCustomer(String customerRef) {
        return Interview.list("customerRef", customerRef);
    }
}
