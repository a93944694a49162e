package dev.amends.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The read model's queries behind the recovery report (contract sections 6 and 11). Every figure
 * is defined once, as a fact of an incident or of an answer (one per attempt) in {@link #FACTS}:
 * the counts sum those facts per group (and per point of a series), and "behind a figure" lists
 * the rows whose fact is true, so a figure and its list cannot disagree. Columns are read by name.
 */
@ApplicationScoped
public class RecoveryFigures {

    /** How incidents are grouped; {@code owner} is the owner at the incident's latest resolution. */
    public enum GroupBy {
        CATEGORY("coalesce(i.category, 'uncategorised')"),
        CHANNEL("i.channel"),
        SEVERITY("i.severity"),
        OWNER("coalesce((select a.owner from attempt_view a where a.incident_id = i.incident_id "
                + "order by a.attempt desc limit 1), i.owner, 'unowned')"),
        ORIGIN("i.origin"),
        DISRUPTION("coalesce(cast(i.disruption_id as text), 'none')");

        private final String key;

        GroupBy(String key) {
            this.key = key;
        }

        /** The SQL expression of an incident_view row {@code i}'s group. */
        public String key() {
            return key;
        }

        /** The group of an answer: its incident's ({@code f.key}), but with owner the answered attempt's ({@code a}). */
        String answerKey() {
            return this == OWNER ? "coalesce(a.owner, f.key)" : "f.key";
        }

        /** As the query parameter names it: category, channel, severity, owner, origin, disruption. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A series' points: UTC days, ISO weeks (from Monday) and calendar months. */
    public enum Interval {
        DAY, WEEK, MONTH;

        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The SQL start of the point a reportedAt falls in. */
        String pointOf(String instant) {
            return "(date_trunc('" + parameter() + "', " + instant + " at time zone 'UTC') at time zone 'UTC')";
        }
    }

    /** Whether a figure counts incidents or answers. */
    public enum Level { INCIDENT, ANSWER }

    /** The rates of contract section 6 and the fact that puts an incident or an answer in each one's numerator. */
    public enum Rate {
        RESPONSE_RATE("responseRate", Level.INCIDENT, "answered"),
        RESOLVED_SATISFACTORILY_RATE("resolvedSatisfactorilyRate", Level.ANSWER, "resolved_satisfactorily"),
        CSAT("csat", Level.ANSWER, "satisfied"),
        RECOVERY_PARADOX_RATE("recoveryParadoxRate", Level.ANSWER, "more_loyal"),
        PERCEPTION_GAP("perceptionGap", Level.ANSWER, "verdict_not_as_expected"),
        CAUSE_AGREEMENT("causeAgreement", Level.ANSWER, "cause_agreed"),
        PROMISE_KEPT_RATE("promiseKeptRate", Level.INCIDENT, "promise_kept"),
        CSAT_WHEN_PROMISES_KEPT("csatWhenPromisesKept", Level.ANSWER, "satisfied_kept"),
        CSAT_WHEN_PROMISE_BROKEN("csatWhenPromiseBroken", Level.ANSWER, "satisfied_broken"),
        APOLOGY_RATE("apologyRate", Level.INCIDENT, "apologised"),
        ACKNOWLEDGED_IN_TIME_RATE("acknowledgedInTimeRate", Level.INCIDENT, "acknowledged_in_time"),
        SLA_BREACH_RATE("slaBreachRate", Level.INCIDENT, "sla_breached"),
        SINGLE_OWNER_RATE("singleOwnerRate", Level.INCIDENT, "single_owner"),
        FIRST_ATTEMPT_RATE("firstAttemptRate", Level.ANSWER, "first_attempt_yes"),
        OPTIMISTIC_GAP("optimisticGap", Level.ANSWER, "optimistic"),
        PESSIMISTIC_GAP("pessimisticGap", Level.ANSWER, "pessimistic");

        private final String parameter;
        private final Level level;
        private final String fact;

        Rate(String parameter, Level level, String fact) {
            this.parameter = parameter;
            this.level = level;
            this.fact = fact;
        }

        public String parameter() {
            return parameter;
        }

        public Level level() {
            return level;
        }
    }

    /** The incidents of a group; medians in seconds, null when none was acknowledged or resolved. */
    public record IncidentCounts(long incidents, long resolved, long invited, long answered, long acknowledged,
                                 long apologised, long acknowledgementDue, long acknowledgedInTime, long slaBreached,
                                 long singleOwner, long optedOut, long undeliverable, Double medianSecondsToAcknowledge,
                                 Double medianSecondsToResolve) {
        public static final IncidentCounts NONE = new IncidentCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }

    /** The answers of a group, and the answers among them that each figure compares; sums of the 1-5 ratings. */
    public record AnswerCounts(long answers, long resolvedSatisfactorily, long rated, long satisfied, long compared,
                               long moreLoyal, long verdictNotAsExpected, long optimistic, long pessimistic,
                               long causesCompared, long causeAgreed, long ratedWithPromisesKept,
                               long satisfiedWithPromisesKept, long ratedWithAPromiseBroken,
                               long satisfiedWithAPromiseBroken, long firstAttemptAnswers, long firstAttemptYes,
                               long speedRated, long speedSum, long fairCompensationRated, long fairCompensationSum) {
        public static final AnswerCounts NONE = new AnswerCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0);
    }

    public record PromiseCounts(long made, long kept, long broken) {
        public static final PromiseCounts NONE = new PromiseCounts(0, 0, 0);
    }

    /** One group's counts; {@code key} is "all" without grouping. */
    public record GroupCounts(String key, IncidentCounts incidents, AnswerCounts answers, PromiseCounts promises) {
    }

    /** A row behind a figure: the incident, and the attempt for a figure of answers. */
    public record Counted(String incidentId, Integer attempt, Instant reportedAt) {
    }

    /** The incident facts (one row per incident) and the answer facts (one per answer), true or false each. */
    private static final String FACTS = """
            incident_facts as (
              select f.*, f.resolved and f.owner_changes = 0 as single_owner from (
                select inc.key, %1$s as point, i.incident_id, i.reported_at, i.owner_changes,
                  exists (select 1 from attempt_view a where a.incident_id = i.incident_id) as resolved,
                  exists (select 1 from invitation v where v.incident_id = i.incident_id and v.sent_at is not null)
                    as invited,
                  exists (select 1 from survey_answer s where s.incident_id = i.incident_id) as answered,
                  i.acknowledged_at is not null as acknowledged,
                  i.acknowledged_at is not null and coalesce(i.apology, false) as apologised,
                  i.acknowledge_by is not null and (i.acknowledged_at is not null or i.acknowledge_by < :now)
                    as acknowledgement_due,
                  coalesce(i.acknowledged_at <= i.acknowledge_by, false) as acknowledged_in_time,
                  i.sla_breached,
                  exists (select 1 from opt_out o where o.incident_id = i.incident_id) as opted_out,
                  exists (select 1 from invitation v where v.incident_id = i.incident_id and v.state = 'UNDELIVERABLE')
                    as undeliverable,
                  exists (select 1 from promise_view p where p.incident_id = i.incident_id and p.state = 'KEPT')
                    as promise_kept,
                  extract(epoch from i.acknowledged_at - i.reported_at) as seconds_to_acknowledge,
                  extract(epoch from i.first_resolved_at - i.reported_at) as seconds_to_resolve
                from inc join incident_view i on i.incident_id = inc.incident_id) f
            ), promises as (
              select p.incident_id, count(*) as made, count(*) filter (where p.state = 'BROKEN') as broken
              from promise_view p where p.incident_id in (select incident_id from inc) group by p.incident_id
            ), answer_facts as (
              select %2$s as key, f.point, f.incident_id, s.attempt, f.reported_at,
                s.resolved_satisfactorily = 'YES' as resolved_satisfactorily,
                s.satisfaction is not null as rated,
                coalesce(s.satisfaction >= 4, false) as satisfied,
                s.compared_to_before is not null as compared,
                coalesce(s.compared_to_before = 'MORE', false) as more_loyal,
                coalesce(s.resolved_satisfactorily <> a.expected_verdict, false) as verdict_not_as_expected,
                coalesce(%3$s > %4$s, false) as optimistic,
                coalesce(%3$s < %4$s, false) as pessimistic,
                s.cause is not null and a.cause is not null as causes_compared,
                coalesce(s.cause = case a.cause when 'CUSTOMER' then 'ME' when 'UNKNOWN' then 'DONT_KNOW'
                                  else a.cause end, false) as cause_agreed,
                s.satisfaction is not null and coalesce(p.made > 0 and p.broken = 0, false) as rated_kept,
                coalesce(s.satisfaction >= 4 and p.made > 0 and p.broken = 0, false) as satisfied_kept,
                s.satisfaction is not null and coalesce(p.broken > 0, false) as rated_broken,
                coalesce(s.satisfaction >= 4 and p.broken > 0, false) as satisfied_broken,
                s.attempt = 1 as first_attempt,
                s.attempt = 1 and s.resolved_satisfactorily = 'YES' as first_attempt_yes,
                s.speed, s.fair_compensation
              from incident_facts f join survey_answer s on s.incident_id = f.incident_id
              left join attempt_view a on a.incident_id = s.incident_id and a.attempt = s.attempt
              left join promises p on p.incident_id = s.incident_id
            )
            """;

    /** The order YES > PARTLY > NO, for the optimistic and pessimistic gaps. */
    private static String rank(String verdict) {
        return "(case " + verdict + " when 'YES' then 2 when 'PARTLY' then 1 when 'NO' then 0 end)";
    }

    private static final List<String> INCIDENT_FACTS = List.of("resolved", "invited", "answered", "acknowledged",
            "apologised", "acknowledgement_due", "acknowledged_in_time", "sla_breached", "single_owner", "opted_out",
            "undeliverable");

    private static final List<String> ANSWER_FACTS = List.of("resolved_satisfactorily", "rated", "satisfied",
            "compared", "more_loyal", "verdict_not_as_expected", "optimistic", "pessimistic", "causes_compared",
            "cause_agreed", "rated_kept", "satisfied_kept", "rated_broken", "satisfied_broken", "first_attempt",
            "first_attempt_yes");

    private final EntityManager entityManager;

    public RecoveryFigures(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Every group with an incident reported in [from, to), by key (null first). */
    public List<GroupCounts> of(Instant from, Instant to, GroupBy groupBy, Instant now) {
        return counted(window(groupBy), answerKey(groupBy), null, windowParameters(from, to, now))
                .getOrDefault(null, List.of());
    }

    /** Each point's groups, by the point's start; points without incidents are missing. */
    public Map<Instant, List<GroupCounts>> series(Instant from, Instant to, Interval interval, GroupBy groupBy,
                                                  Instant now) {
        return counted(window(groupBy), answerKey(groupBy), interval, windowParameters(from, to, now));
    }

    /**
     * Every group of the incidents {@code selection} selects: a query (its own {@code with} allowed)
     * answering {@code incident_id, key}, each incident once, with the named {@code parameters}.
     */
    public List<GroupCounts> of(String selection, Map<String, Object> parameters, Instant now) {
        Map<String, Object> withNow = new HashMap<>(parameters);
        withNow.put("now", now);
        return counted(selection, "f.key", null, withNow).getOrDefault(null, List.of());
    }

    /** The total of the rows in the figure's numerator for the group {@code key}, and one page of them. */
    public record Behind(long total, List<Counted> page) {
    }

    public Behind behind(Instant from, Instant to, GroupBy groupBy, String key, Rate rate, Instant now, int page,
                         int size) {
        String facts = rate.level() == Level.INCIDENT ? "incident_facts" : "answer_facts";
        String attempt = rate.level() == Level.INCIDENT ? "cast(null as int)" : "attempt";
        String where = " from " + facts + " where key = :key and " + rate.fact;
        Map<String, Object> parameters = windowParameters(from, to, now);
        parameters.put("key", key);
        String with = with(window(groupBy), answerKey(groupBy), null);
        long total = ((Number) query(with + "select count(*)" + where, parameters, null).getSingleResult()).longValue();
        Query rows = query(with + "select cast(incident_id as text) as incident_id, " + attempt
                + " as attempt, reported_at" + where + " order by reported_at, incident_id, attempt", parameters, Tuple.class)
                .setFirstResult(page * size).setMaxResults(size);
        @SuppressWarnings("unchecked")
        List<Tuple> found = rows.getResultList();
        return new Behind(total, found.stream().map(row -> new Counted((String) row.get("incident_id"),
                (Integer) row.get("attempt"), instant(row.get("reported_at")))).toList());
    }

    private static String window(GroupBy groupBy) {
        return "select i.incident_id, " + (groupBy == null ? "'all'" : groupBy.key()) + " as key from incident_view i "
                + "where i.reported_at >= :from and i.reported_at < :to";
    }

    private static String answerKey(GroupBy groupBy) {
        return groupBy == null ? "f.key" : groupBy.answerKey();
    }

    private static Map<String, Object> windowParameters(Instant from, Instant to, Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("now", now);
        return parameters;
    }

    private static String with(String selection, String answerKey, Interval interval) {
        String point = interval == null ? "cast(null as timestamptz)" : interval.pointOf("i.reported_at");
        return "with inc as (" + selection + "), "
                + FACTS.formatted(point, answerKey, rank("a.expected_verdict"), rank("s.resolved_satisfactorily"));
    }

    /** Groups by point (the null point without an interval), each point's groups by key (null first). */
    private Map<Instant, List<GroupCounts>> counted(String selection, String answerKey, Interval interval,
                                                    Map<String, Object> parameters) {
        String with = with(selection, answerKey, interval);
        Map<Cell, IncidentCounts> incidents = cells(with + "select key, point, count(*) as incidents, "
                + counts(INCIDENT_FACTS) + """
                , percentile_cont(0.5) within group (order by seconds_to_acknowledge) as median_acknowledge,
                  percentile_cont(0.5) within group (order by seconds_to_resolve) as median_resolve
                from incident_facts group by key, point""", parameters, row -> new IncidentCounts(
                count(row, "incidents"), count(row, "resolved"), count(row, "invited"), count(row, "answered"),
                count(row, "acknowledged"), count(row, "apologised"), count(row, "acknowledgement_due"),
                count(row, "acknowledged_in_time"), count(row, "sla_breached"), count(row, "single_owner"),
                count(row, "opted_out"), count(row, "undeliverable"), seconds(row, "median_acknowledge"),
                seconds(row, "median_resolve")));
        Map<Cell, AnswerCounts> answers = cells(with + "select key, point, count(*) as answers, "
                + counts(ANSWER_FACTS) + """
                , count(speed) as speed_rated, sum(speed) as speed_sum,
                  count(fair_compensation) as fair_rated, sum(fair_compensation) as fair_sum
                from answer_facts group by key, point""", parameters, row -> new AnswerCounts(count(row, "answers"),
                count(row, "resolved_satisfactorily"), count(row, "rated"), count(row, "satisfied"),
                count(row, "compared"), count(row, "more_loyal"), count(row, "verdict_not_as_expected"),
                count(row, "optimistic"), count(row, "pessimistic"), count(row, "causes_compared"),
                count(row, "cause_agreed"), count(row, "rated_kept"), count(row, "satisfied_kept"),
                count(row, "rated_broken"), count(row, "satisfied_broken"), count(row, "first_attempt"),
                count(row, "first_attempt_yes"), count(row, "speed_rated"), count(row, "speed_sum"),
                count(row, "fair_rated"), count(row, "fair_sum")));
        Map<Cell, PromiseCounts> promises = cells(with + """
                select f.key, f.point, count(*) as made, count(*) filter (where p.state = 'KEPT') as kept,
                  count(*) filter (where p.state = 'BROKEN') as broken
                from incident_facts f join promise_view p on p.incident_id = f.incident_id group by f.key, f.point""",
                parameters, row -> new PromiseCounts(count(row, "made"), count(row, "kept"), count(row, "broken")));
        Map<Instant, List<GroupCounts>> points = new LinkedHashMap<>();
        incidents.forEach((cell, counts) -> points.computeIfAbsent(cell.point(), point -> new ArrayList<>())
                .add(new GroupCounts(cell.key(), counts, answers.getOrDefault(cell, AnswerCounts.NONE),
                        promises.getOrDefault(cell, PromiseCounts.NONE))));
        return points;
    }

    /** One group of one point. */
    private record Cell(Instant point, String key) {
        static final Comparator<Cell> ORDER = Comparator.comparing(Cell::point, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Cell::key, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private static String counts(List<String> facts) {
        return facts.stream().map(fact -> "count(*) filter (where " + fact + ") as " + fact)
                .collect(Collectors.joining(", "));
    }

    /** Rows by their columns {@code point} and {@code key}, in point then key order (nulls first). */
    private <T> Map<Cell, T> cells(String sql, Map<String, Object> parameters, java.util.function.Function<Tuple, T> counts) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query(sql, parameters, Tuple.class).getResultList();
        Map<Cell, T> cells = new TreeMap<>(Cell.ORDER);
        for (Tuple row : rows) {
            cells.put(new Cell(instant(row.get("point")), (String) row.get("key")), counts.apply(row));
        }
        return cells;
    }

    /** A native query with those of the parameters it names. */
    private Query query(String sql, Map<String, Object> parameters, Class<?> resultClass) {
        Query query = resultClass == null ? entityManager.createNativeQuery(sql)
                : entityManager.createNativeQuery(sql, resultClass);
        parameters.forEach((name, value) -> {
            if (sql.contains(":" + name)) {
                query.setParameter(name, value);
            }
        });
        return query;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
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
