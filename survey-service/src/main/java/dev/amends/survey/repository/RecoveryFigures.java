package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read model's queries behind the recovery report: per group of the incidents reported in
 * [from, to), what the database counts. Incident counts count each incident once, answer counts
 * count answers (one per attempt). Columns are read by name.
 */
@ApplicationScoped
public class RecoveryFigures {

    /** How incidents are grouped; {@code owner} is the owner at the incident's latest resolution. */
    public enum GroupBy {
        CATEGORY("coalesce(i.category, 'uncategorised')"),
        CHANNEL("i.channel"),
        SEVERITY("i.severity"),
        OWNER("(select a.owner from attempt_view a where a.incident_id = i.incident_id order by a.attempt desc limit 1)"),
        ORIGIN("i.origin"),
        DISRUPTION("coalesce(cast(i.disruption_id as text), 'none')");

        private final String key;

        GroupBy(String key) {
            this.key = key;
        }

        /** The SQL expression of an incident_view row {@code i}'s group. */
        String key() {
            return key;
        }

        /** As the query parameter names it: category, channel, severity, owner, origin, disruption. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The incidents of a group; medians in seconds, null when none was acknowledged or resolved. */
    public record IncidentCounts(long incidents, long resolved, long invited, long answered,
                                 Double medianSecondsToAcknowledge, Double medianSecondsToResolve, long optedOut,
                                 long undeliverable) {
        public static final IncidentCounts NONE = new IncidentCounts(0, 0, 0, 0, null, null, 0, 0);
    }

    /** The answers of a group, and the answers among them that each figure compares. */
    public record AnswerCounts(long answers, long resolvedSatisfactorily, long rated, long satisfied,
                               long compared, long moreLoyal, long verdictNotAsExpected, long causesCompared,
                               long causeAgreed, long ratedWithPromisesKept, long satisfiedWithPromisesKept,
                               long ratedWithAPromiseBroken, long satisfiedWithAPromiseBroken) {
        public static final AnswerCounts NONE = new AnswerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public record PromiseCounts(long made, long kept, long broken) {
        public static final PromiseCounts NONE = new PromiseCounts(0, 0, 0);
    }

    /** One group's counts; {@code key} is "all" without grouping. */
    public record GroupCounts(String key, IncidentCounts incidents, AnswerCounts answers, PromiseCounts promises) {
    }

    private final EntityManager entityManager;

    public RecoveryFigures(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Every group with an incident in the window, by key (null first). */
    public List<GroupCounts> of(Instant from, Instant to, GroupBy groupBy) {
        return of("select i.incident_id, i.reported_at, i.acknowledged_at, i.first_resolved_at, "
                + (groupBy == null ? "'all'" : groupBy.key) + " as key from incident_view i "
                + "where i.reported_at >= :from and i.reported_at < :to", Map.of("from", from, "to", to));
    }

    /**
     * Every group of the incidents {@code selection} selects: a query (its own {@code with} allowed)
     * answering {@code incident_id, reported_at, acknowledged_at, first_resolved_at, key} of
     * incident_view rows, each incident once, with the named {@code parameters}.
     */
    public List<GroupCounts> of(String selection, Map<String, Object> parameters) {
        String window = "with inc as (" + selection + ") ";
        Map<String, IncidentCounts> incidents = byKey(window + """
                select key, count(*) as incidents,
                  count(*) filter (where exists (select 1 from attempt_view a where a.incident_id = inc.incident_id))
                    as resolved,
                  count(*) filter (where exists (select 1 from invitation v where v.incident_id = inc.incident_id
                                                 and v.sent_at is not null)) as invited,
                  count(*) filter (where exists (select 1 from survey_answer s where s.incident_id = inc.incident_id))
                    as answered,
                  percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - reported_at))
                    as median_acknowledge,
                  percentile_cont(0.5) within group (order by extract(epoch from first_resolved_at - reported_at))
                    as median_resolve,
                  count(*) filter (where exists (select 1 from opt_out o where o.incident_id = inc.incident_id))
                    as opted_out,
                  count(*) filter (where exists (select 1 from invitation v where v.incident_id = inc.incident_id
                                                 and v.state = 'UNDELIVERABLE')) as undeliverable
                from inc group by key""", parameters, row -> new IncidentCounts(count(row, "incidents"),
                count(row, "resolved"), count(row, "invited"), count(row, "answered"),
                seconds(row, "median_acknowledge"), seconds(row, "median_resolve"), count(row, "opted_out"),
                count(row, "undeliverable")));
        Map<String, AnswerCounts> answers = byKey(window + """
                , promises as (select incident_id, count(*) as made, count(*) filter (where state = 'BROKEN') as broken
                               from promise_view where incident_id in (select incident_id from inc) group by incident_id)
                select inc.key, count(*) as answers,
                  count(*) filter (where s.resolved_satisfactorily = 'YES') as resolved_satisfactorily,
                  count(s.satisfaction) as rated, count(*) filter (where s.satisfaction >= 4) as satisfied,
                  count(s.compared_to_before) as compared, count(*) filter (where s.compared_to_before = 'MORE') as more_loyal,
                  count(*) filter (where s.resolved_satisfactorily <> a.expected_verdict) as verdict_not_as_expected,
                  count(s.cause) filter (where a.cause is not null) as causes_compared,
                  count(*) filter (where s.cause = case a.cause when 'CUSTOMER' then 'ME' when 'UNKNOWN' then 'DONT_KNOW'
                                                  else a.cause end) as cause_agreed,
                  count(s.satisfaction) filter (where p.made > 0 and p.broken = 0) as rated_kept,
                  count(*) filter (where p.made > 0 and p.broken = 0 and s.satisfaction >= 4) as satisfied_kept,
                  count(s.satisfaction) filter (where p.broken > 0) as rated_broken,
                  count(*) filter (where p.broken > 0 and s.satisfaction >= 4) as satisfied_broken
                from inc join survey_answer s on s.incident_id = inc.incident_id
                left join attempt_view a on a.incident_id = s.incident_id and a.attempt = s.attempt
                left join promises p on p.incident_id = inc.incident_id
                group by inc.key""", parameters, row -> new AnswerCounts(count(row, "answers"),
                count(row, "resolved_satisfactorily"), count(row, "rated"), count(row, "satisfied"),
                count(row, "compared"), count(row, "more_loyal"), count(row, "verdict_not_as_expected"),
                count(row, "causes_compared"), count(row, "cause_agreed"), count(row, "rated_kept"),
                count(row, "satisfied_kept"), count(row, "rated_broken"), count(row, "satisfied_broken")));
        Map<String, PromiseCounts> promises = byKey(window + """
                select inc.key, count(*) as made, count(*) filter (where p.state = 'KEPT') as kept,
                  count(*) filter (where p.state = 'BROKEN') as broken
                from inc join promise_view p on p.incident_id = inc.incident_id group by inc.key""", parameters,
                row -> new PromiseCounts(count(row, "made"), count(row, "kept"), count(row, "broken")));
        return incidents.entrySet().stream().map(group -> new GroupCounts(group.getKey(), group.getValue(),
                answers.getOrDefault(group.getKey(), AnswerCounts.NONE),
                promises.getOrDefault(group.getKey(), PromiseCounts.NONE))).toList();
    }

    /** Rows by their column {@code key}, the group (null keys sort first). */
    private <T> Map<String, T> byKey(String sql, Map<String, Object> parameters, Function<Tuple, T> counts) {
        Query query = entityManager.createNativeQuery(sql, Tuple.class);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().collect(Collectors.toMap(row -> (String) row.get("key"), counts,
                (first, second) -> first, () -> new TreeMap<>(Comparator.nullsFirst(String::compareTo))));
    }

    private static long count(Tuple row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double seconds(Tuple row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
