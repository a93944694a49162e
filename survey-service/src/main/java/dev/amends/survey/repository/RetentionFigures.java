package dev.amends.survey.repository;

import dev.amends.common.events.LapseReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The read model's query behind the retention report (contract section 9). The unit is the
 * customer, counted once at the latest of their incidents whose latest resolution falls in
 * [from, to) (a win-back case is the company's call, never the unit); the verdict and
 * comparedToBefore are that incident's latest answer's. A customer is observed once that
 * resolution is an observation period old, and lapsed when a lapse came within the period after
 * it; their interview and win-back case are those of that lapse. Counts come per group key,
 * verdict and comparedToBefore.
 */
@ApplicationScoped
public class RetentionFigures {

    /** The customers of one group key, verdict and comparedToBefore (NOT_ANSWERED when none). */
    public record Cell(String key, String verdict, String comparedToBefore, long customers, long observed, long lapsed,
                       long interviewed, long answered, Map<LapseReason, Long> reasons, long incidentHandling,
                       long winBackCases, long wonBack) {
    }

    private final EntityManager entityManager;

    public RetentionFigures(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public List<Cell> of(Instant from, Instant to, RecoveryFigures.GroupBy groupBy, Instant now, Duration observation) {
        String reasons = Arrays.stream(LapseReason.values()).map(reason -> "count(*) filter (where reason = '"
                + reason.name() + "') as " + column(reason)).collect(Collectors.joining(", "));
        Query query = entityManager.createNativeQuery("""
                with last_resolution as (
                  select incident_id, max(resolved_at) as resolved_at from attempt_view group by incident_id
                  having max(resolved_at) >= :from and max(resolved_at) < :to
                ), unit as (
                  select distinct on (i.customer_ref) i.incident_id, i.customer_ref, r.resolved_at, %s as key
                  from last_resolution r join incident_view i on i.incident_id = r.incident_id
                  where i.customer_ref is not null and i.origin <> 'WIN_BACK'
                  order by i.customer_ref, r.resolved_at desc, i.incident_id
                ), judged as (
                  select u.key, u.customer_ref, u.resolved_at,
                    coalesce(s.resolved_satisfactorily, 'NOT_ANSWERED') as verdict,
                    coalesce(s.compared_to_before, 'NOT_ANSWERED') as compared,
                    u.resolved_at <= :observedIfResolvedBy as observed,
                    (select min(l.lapsed_at) from customer_lapse l where l.customer_ref = u.customer_ref
                       and l.lapsed_at >= u.resolved_at
                       and l.lapsed_at < u.resolved_at + cast(:observation as bigint) * interval '1 second') as lapsed_at
                  from unit u
                  left join lateral (select a.resolved_satisfactorily, a.compared_to_before from survey_answer a
                                     where a.incident_id = u.incident_id order by a.answered_at desc, a.attempt desc
                                     limit 1) s on true
                ), followed as (
                  select j.*, v.id is not null as interviewed, v.answered, v.reason, v.incident_weight,
                    exists (select 1 from incident_view w where w.customer_ref = j.customer_ref
                            and w.origin = 'WIN_BACK' and w.reported_at >= j.lapsed_at) as win_back,
                    exists (select 1 from customer_return c where c.customer_ref = j.customer_ref
                            and c.returned_at >= j.lapsed_at
                            and c.returned_at < j.lapsed_at + cast(:observation as bigint) * interval '1 second') as returned
                  from judged j
                  left join lateral (select v.id, a.interview_id is not null as answered, a.reason, a.incident_weight
                                     from interview v left join interview_answer a on a.interview_id = v.id
                                     where v.customer_ref = j.customer_ref and v.lapsed_at = j.lapsed_at
                                       and v.sent_at is not null
                                     order by v.sent_at limit 1) v on true
                )
                select key, verdict, compared, count(*) as customers, count(*) filter (where observed) as observed,
                  count(*) filter (where observed and lapsed_at is not null) as lapsed,
                  count(*) filter (where interviewed) as interviewed, count(*) filter (where answered) as answered,
                  %s,
                  count(*) filter (where reason = 'INCIDENT_HANDLING' or incident_weight >= 4) as incident_handling,
                  count(*) filter (where win_back) as win_back_cases,
                  count(*) filter (where win_back and returned) as won_back
                from followed group by key, verdict, compared order by key, verdict, compared"""
                .formatted(groupBy == null ? "'all'" : groupBy.key(), reasons), Tuple.class);
        query.setParameter("from", from).setParameter("to", to)
                .setParameter("observedIfResolvedBy", now.minus(observation))
                .setParameter("observation", observation.toSeconds());
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(row -> {
            Map<LapseReason, Long> byReason = new EnumMap<>(LapseReason.class);
            for (LapseReason reason : LapseReason.values()) {
                byReason.put(reason, count(row, column(reason)));
            }
            return new Cell((String) row.get("key"), (String) row.get("verdict"), (String) row.get("compared"),
                    count(row, "customers"), count(row, "observed"), count(row, "lapsed"), count(row, "interviewed"),
                    count(row, "answered"), byReason, count(row, "incident_handling"), count(row, "win_back_cases"),
                    count(row, "won_back"));
        }).toList();
    }

    private static String column(LapseReason reason) {
        return "reason_" + reason.name().toLowerCase(Locale.ROOT);
    }

    private static long count(Tuple row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
