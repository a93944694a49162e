package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** customer.lapsed and customer.returned as other systems posted them (contract section 9), once each. */
@ApplicationScoped
public class CustomerMovements {

    private final EntityManager entityManager;

    public CustomerMovements(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void lapsed(String customerRef, Instant lapsedAt, String valueTier) {
        entityManager.createNativeQuery("""
                        insert into customer_lapse (customer_ref, lapsed_at, value_tier) values (:ref, :at, :tier)
                        on conflict do nothing""")
                .setParameter("ref", customerRef).setParameter("at", lapsedAt).setParameter("tier", valueTier)
                .executeUpdate();
    }

    public void returned(String customerRef, Instant returnedAt) {
        entityManager.createNativeQuery("""
                        insert into customer_return (customer_ref, returned_at) values (:ref, :at) on conflict do nothing""")
                .setParameter("ref", customerRef).setParameter("at", returnedAt).executeUpdate();
    }
}
