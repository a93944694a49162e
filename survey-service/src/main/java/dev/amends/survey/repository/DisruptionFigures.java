package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read model's queries behind the disruption report (contract section 8), customers as the
 * unit. Each listed customer is in at most one group: {@code complainedFirst} (a linked complaint
 * reported before outreach reached or set them aside), {@code reachedByOutreach} (an outreach
 * incident first; intention to treat: a later complaint keeps them there) or {@code heldOut}
 * (likewise).
 */
@ApplicationScoped
public class DisruptionFigures {

    /** One row per listed or complaining customer of the disruption :d, with their group and its start. */
    private static final String CUSTOMERS = """
            with listed as (select customer_ref, held_out_at from disruption_customer where disruption_id = :d),
            linked as (select customer_ref, origin, reported_at from incident_view
                       where disruption_id = :d and customer_ref is not null),
            reached as (select customer_ref, min(reported_at) as reached_at from linked where origin = 'OUTREACH'
                        group by customer_ref),
            complaints as (select customer_ref, min(reported_at) as first_at, max(reported_at) as last_at from linked
                           where origin = 'COMPLAINT' group by customer_ref),
            customers as (
              select coalesce(l.customer_ref, c.customer_ref) as customer_ref, l.customer_ref is not null as listed,
                case when l.customer_ref is null then null
                     when c.first_at is not null and (coalesce(r.reached_at, l.held_out_at) is null
                                                      or c.first_at < coalesce(r.reached_at, l.held_out_at)) then 'complainedFirst'
                     when r.reached_at is not null then 'reachedByOutreach'
                     when l.held_out_at is not null then 'heldOut' end as grp,
                coalesce(r.reached_at, l.held_out_at) as treated_at, c.last_at as complained_last_at
              from listed l full join complaints c on c.customer_ref = l.customer_ref
              left join reached r on r.customer_ref = coalesce(l.customer_ref, c.customer_ref))
            """;

    /** The customers of each group and what happened to them afterwards. */
    public record CustomerCounts(long affected, long complainedFirst, long reachedByOutreach, long heldOut,
                                 long complainedNotListed, long reachedComplainedLater, long heldOutComplainedLater,
                                 long reachedLapsed, long heldOutLapsed) {
    }

    private final EntityManager entityManager;
    private final RecoveryFigures recoveryFigures;

    public DisruptionFigures(EntityManager entityManager, RecoveryFigures recoveryFigures) {
        this.entityManager = entityManager;
        this.recoveryFigures = recoveryFigures;
    }

    public CustomerCounts customers(UUID disruptionId) {
        Tuple row = (Tuple) entityManager.createNativeQuery(CUSTOMERS + """
                select count(*) filter (where listed) as affected,
                  count(*) filter (where grp = 'complainedFirst') as complained_first,
                  count(*) filter (where grp = 'reachedByOutreach') as reached,
                  count(*) filter (where grp = 'heldOut') as held_out,
                  count(*) filter (where not listed) as complained_not_listed,
                  count(*) filter (where grp = 'reachedByOutreach' and complained_last_at >= treated_at) as reached_complained,
                  count(*) filter (where grp = 'heldOut' and complained_last_at >= treated_at) as held_out_complained,
                  count(*) filter (where grp = 'reachedByOutreach' and lapsed) as reached_lapsed,
                  count(*) filter (where grp = 'heldOut' and lapsed) as held_out_lapsed
                from (select c.*, exists (select 1 from customer_lapse x where x.customer_ref = c.customer_ref
                                          and x.lapsed_at >= c.treated_at) as lapsed
                      from customers c) as customer""", Tuple.class).setParameter("d", disruptionId).getSingleResult();
        return new CustomerCounts(count(row, "affected"), count(row, "complained_first"), count(row, "reached"),
                count(row, "held_out"), count(row, "complained_not_listed"), count(row, "reached_complained"),
                count(row, "held_out_complained"), count(row, "reached_lapsed"), count(row, "held_out_lapsed"));
    }

    /**
     * The recovery figures (contract section 6) of the incidents linked to the disruption of the
     * customers who complained first and of those reached by outreach, keyed by that group.
     */
    public List<RecoveryFigures.GroupCounts> groups(UUID disruptionId, Instant now) {
        return recoveryFigures.of(CUSTOMERS + """
                select i.incident_id, c.grp as key
                from incident_view i join customers c on c.customer_ref = i.customer_ref
                where i.disruption_id = :d and c.grp in ('complainedFirst', 'reachedByOutreach')""",
                Map.of("d", disruptionId), now);
    }

    private static long count(Tuple row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
