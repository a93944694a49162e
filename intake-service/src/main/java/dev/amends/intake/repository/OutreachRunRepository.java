package dev.amends.intake.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OutreachRunRepository implements PanacheRepositoryBase<OutreachRun, UUID> {

    public Optional<OutreachRun> running(UUID disruptionId) {
        return find("disruptionId = ?1 and state = ?2", disruptionId, OutreachRun.State.RUNNING).firstResultOptional();
    }

    public List<UUID> runningIds() {
        return getEntityManager().createQuery("select r.id from OutreachRun r where r.state = :state", UUID.class)
                .setParameter("state", OutreachRun.State.RUNNING).getResultList();
    }

    /**
     * A transaction-long lock on starting runs of the disruption (not on its affected lists, which new
     * complaints of the source wait for), so two starts at once see each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockStarts(UUID disruptionId) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('amends.outreach/' || cast(:id as text)))")
                .setParameter("id", disruptionId.toString()).getSingleResult();
    }

    /** Adds what one chunk did, in SQL: replicas working on the same run each add their own. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(UUID runId, int opened, int heldOut) {
        update("opened = opened + ?1, heldOut = heldOut + ?2 where id = ?3", opened, heldOut, runId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void done(UUID runId, Instant at) {
        update("state = ?1, doneAt = ?2 where id = ?3 and state = ?4", OutreachRun.State.DONE, at, runId,
                OutreachRun.State.RUNNING);
    }
}
