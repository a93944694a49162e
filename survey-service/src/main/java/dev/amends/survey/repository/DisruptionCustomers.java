package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read model's disruptions: that they exist, the customers on their affected lists and the
 * holdout among them. Every write is an idempotent upsert, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class DisruptionCustomers {

    private final EntityManager entityManager;

    public DisruptionCustomers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void declared(UUID disruptionId, Instant startedAt, Instant declaredAt) {
        entityManager.createNativeQuery("""
                        insert into disruption_view (disruption_id, started_at, declared_at) values (:id, :started, :declared)
                        on conflict do nothing""")
                .setParameter("id", disruptionId).setParameter("started", startedAt).setParameter("declared", declaredAt)
                .executeUpdate();
    }

    public void affected(UUID disruptionId, List<String> customerRefs) {
        entityManager.createNativeQuery("""
                        insert into disruption_customer (disruption_id, customer_ref)
                        select :id, ref from unnest(cast(:refs as text[])) as ref on conflict do nothing""")
                .setParameter("id", disruptionId).setParameter("refs", customerRefs.toArray(String[]::new))
                .executeUpdate();
    }

    /** The customers are on the list already (the same partition carried their addition first); upserted all the same. */
    public void heldOut(UUID disruptionId, List<String> customerRefs, Instant heldOutAt) {
        entityManager.createNativeQuery("""
                        insert into disruption_customer (disruption_id, customer_ref, held_out_at)
                        select :id, ref, :at from unnest(cast(:refs as text[])) as ref
                        on conflict (disruption_id, customer_ref) do update set held_out_at = excluded.held_out_at""")
                .setParameter("id", disruptionId).setParameter("refs", customerRefs.toArray(String[]::new))
                .setParameter("at", heldOutAt).executeUpdate();
    }

    /** When the disruption started, if the read model knows it. */
    public Optional<Instant> startedAt(UUID disruptionId) {
        List<?> rows = entityManager.createNativeQuery("select started_at from disruption_view where disruption_id = :id",
                Instant.class).setParameter("id", disruptionId).getResultList();
        return rows.stream().findFirst().map(Instant.class::cast);
    }

    /** The {@code count} disruptions declared last, newest first. */
    public List<UUID> latest(int count) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery(
                        "select disruption_id from disruption_view order by declared_at desc, disruption_id limit :n", UUID.class)
                .setParameter("n", count).getResultList();
        return ids;
    }
}
