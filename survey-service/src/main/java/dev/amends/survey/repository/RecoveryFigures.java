package dev.amends.survey.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

        /** The SQL start of the point a UTC day falls in. */
        String pointOfDay(String day) {
            return "(date_trunc('" + parameter() + "', cast(" + day + " as timestamp)) at time zone 'UTC')";
        }
    }

    /** Whether a figure counts incidents or answers. */
    public enum Level { INCIDENT, ANSWER }

    /** What "behind a figure" lists: the incidents, or answers, whose fact holds. */
    public interface Numerator {
        String parameter();

        Level level();

        String fact();
    }

    /** A count the dashboard lists beside its rates: every incident of the window, and the acknowledged ones. */
    public record Count(String parameter, Level level, String fact) implements Numerator {
        public static final List<Count> LISTED = List.of(new Count("incidents", Level.INCIDENT, "true"),
                new Count("acknowledged", Level.INCIDENT, "acknowledged"));
    }

    /** The rates of contract section 6 and the fact that puts an incident or an answer in each one's numerator. */
    public enum Rate implements Numerator {
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

        @Override
        public String parameter() {
            return parameter;
        }

        @Override
        public Level level() {
            return level;
        }

        @Override
        public String fact() {
            return fact;
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
                select inc.dimension, inc.key, %1$s as point, i.incident_id, i.reported_at, i.owner_changes,
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
              select f.dimension, %2$s as key, f.point, f.incident_id, s.attempt, f.reported_at,
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

    /** The sums every figure is made of, by the names the counting queries and the rollup give them. */
    static final List<String> SUMS = sums();

    private static List<String> sums() {
        List<String> sums = new ArrayList<>(List.of("incidents"));
        sums.addAll(INCIDENT_FACTS);
        sums.add("answers");
        sums.addAll(ANSWER_FACTS);
        sums.addAll(List.of("speed_rated", "speed_sum", "fair_rated", "fair_sum", "made", "kept", "broken"));
        return List.copyOf(sums);
    }

    /** The SQL bucket of a duration in seconds: bucket b holds [1.02^b, 1.02^(b+1)), at most 2% wide. */
    static String bucketOf(String seconds) {
        return "cast(floor(ln(greatest(" + seconds + ", 0.001)) / ln(1.02)) as int)";
    }

    /** What a bucket stands for: its middle, within 1% of every duration in it. */
    static double bucketSeconds(int bucket) {
        return Math.pow(1.02, bucket + 0.5);
    }

    /** One group of one point (null without an interval) of one dimension. */
    record Cell(String dimension, Instant point, String key) {
        static final Comparator<Cell> ORDER = Comparator.comparing(Cell::dimension)
                .thenComparing(Cell::point, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Cell::key, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    /** The counts of a cell and its durations: exact medians from rows, or buckets to find them in. */
    static final class Tally {
        final Map<String, Long> sums = new HashMap<>();
        final TreeMap<Integer, Long> acknowledge = new TreeMap<>();
        final TreeMap<Integer, Long> resolve = new TreeMap<>();
        Double exactAcknowledge;
        Double exactResolve;

        long get(String sum) {
            return sums.getOrDefault(sum, 0L);
        }

        void add(String sum, long value) {
            sums.merge(sum, value, Long::sum);
        }

        void addAll(Tally other) {
            other.sums.forEach(this::add);
            other.acknowledge.forEach((bucket, count) -> acknowledge.merge(bucket, count, Long::sum));
            other.resolve.forEach((bucket, count) -> resolve.merge(bucket, count, Long::sum));
        }

        GroupCounts counts(String key, boolean exact) {
            return new GroupCounts(key, new IncidentCounts(get("incidents"), get("resolved"), get("invited"),
                    get("answered"), get("acknowledged"), get("apologised"), get("acknowledgement_due"),
                    get("acknowledged_in_time"), get("sla_breached"), get("single_owner"), get("opted_out"),
                    get("undeliverable"), exact ? exactAcknowledge : median(acknowledge),
                    exact ? exactResolve : median(resolve)),
                    new AnswerCounts(get("answers"), get("resolved_satisfactorily"), get("rated"), get("satisfied"),
                            get("compared"), get("more_loyal"), get("verdict_not_as_expected"), get("optimistic"),
                            get("pessimistic"), get("causes_compared"), get("cause_agreed"), get("rated_kept"),
                            get("satisfied_kept"), get("rated_broken"), get("satisfied_broken"), get("first_attempt"),
                            get("first_attempt_yes"), get("speed_rated"), get("speed_sum"), get("fair_rated"),
                            get("fair_sum")),
                    new PromiseCounts(get("made"), get("kept"), get("broken")));
        }

        /** As percentile_cont(0.5): the middle duration, or the mean of the two middle ones, each as its bucket. */
        private static Double median(TreeMap<Integer, Long> buckets) {
            long total = buckets.values().stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                return null;
            }
            return (at(buckets, (total - 1) / 2) + at(buckets, total / 2)) / 2;
        }

        private static double at(TreeMap<Integer, Long> buckets, long rank) {
            long seen = 0;
            for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
                seen += bucket.getValue();
                if (seen > rank) {
                    return bucketSeconds(bucket.getKey());
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond " + seen);
        }
    }

    /** The groups of a report and whether its medians are exact (from rows alone) or from buckets. */
    public record Figures(List<GroupCounts> groups, boolean exactMedians) {
    }

    /** The points of a series (each point's groups, points without incidents missing), as {@link Figures}. */
    public record SeriesFigures(Map<Instant, List<GroupCounts>> points, boolean exactMedians) {
    }

    /** Far enough ahead that every acknowledgeBy has passed: what the rollup counts as due. */
    static final Instant ROLLUP_NOW = Instant.parse("9999-01-01T00:00:00Z");

    private final EntityManager entityManager;
    private final RecoveryRollups rollups;
    private final ObjectMapper json;

    public RecoveryFigures(EntityManager entityManager, RecoveryRollups rollups, ObjectMapper json) {
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.json = json;
    }

    /** Every group with an incident reported in [from, to), by key (null first). */
    public Figures of(Instant from, Instant to, GroupBy groupBy, Instant now) {
        SeriesFigures figures = series(from, to, null, groupBy, now);
        return new Figures(figures.points().getOrDefault(null, List.of()), figures.exactMedians());
    }

    /**
     * Each point's groups, by the point's start. Whole UTC days come from the rollup, the window's
     * partial first and last days from rows; without a whole day, everything comes from rows and
     * the medians are exact.
     */
    public SeriesFigures series(Instant from, Instant to, Interval interval, GroupBy groupBy, Instant now) {
        LocalDate firstWholeDay = LocalDate.ofInstant(from.minusNanos(1), ZoneOffset.UTC).plusDays(1);
        LocalDate endOfWholeDays = LocalDate.ofInstant(to, ZoneOffset.UTC);
        String dimension = groupBy == null ? "all" : groupBy.parameter();
        if (!firstWholeDay.isBefore(endOfWholeDays)) {
            return new SeriesFigures(rowLevelSeries(from, to, interval, groupBy, now), true);
        }
        Instant wholeFrom = firstWholeDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant wholeTo = endOfWholeDays.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Object> parameters = windowParameters(from, to, now);
        parameters.put("wholeFrom", wholeFrom);
        parameters.put("wholeTo", wholeTo);
        Map<Cell, Tally> cells = rows(window(groupBy, "((i.reported_at >= :from and i.reported_at < :wholeFrom) "
                + "or (i.reported_at >= :wholeTo and i.reported_at < :to))"), answerKey(groupBy), interval, parameters, true);
        rollups.catchUp(Integer.MAX_VALUE, true); // every change committed before this report counts
        rollups.days(dimension, firstWholeDay, endOfWholeDays, interval).forEach((cell, tally) ->
                cells.computeIfAbsent(new Cell("report", cell.point(), cell.key()), c -> new Tally()).addAll(tally));
        notDueYet(groupBy, interval, wholeFrom, wholeTo, now).forEach((cell, notDue) ->
                cells.computeIfAbsent(cell, c -> new Tally()).add("acknowledgement_due", -notDue));
        return new SeriesFigures(groups(cells, false), false);
    }

    /** The row-level definitions alone: what the rollup's answers must equal. */
    List<GroupCounts> rowLevel(Instant from, Instant to, GroupBy groupBy, Instant now) {
        return rowLevelSeries(from, to, null, groupBy, now).getOrDefault(null, List.of());
    }

    Map<Instant, List<GroupCounts>> rowLevelSeries(Instant from, Instant to, Interval interval, GroupBy groupBy,
                                                   Instant now) {
        return groups(rows(window(groupBy, "i.reported_at >= :from and i.reported_at < :to"), answerKey(groupBy),
                interval, windowParameters(from, to, now), false), true);
    }

    /**
     * Every group of the incidents {@code selection} selects: a query (its own {@code with} allowed)
     * answering {@code incident_id, key}, each incident once, with the named {@code parameters}.
     */
    public List<GroupCounts> of(String selection, Map<String, Object> parameters, Instant now) {
        Map<String, Object> withNow = new HashMap<>(parameters);
        withNow.put("now", now);
        String withDimension = "select sel.incident_id, 'report' as dimension, sel.key from (" + selection + ") sel";
        return groups(rows(withDimension, "f.key", null, withNow, false), true).getOrDefault(null, List.of());
    }

    /** The total of the rows in the figure's numerator for the group {@code key}, and one page of them. */
    public record Behind(long total, List<Counted> page) {
    }

    public Behind behind(Instant from, Instant to, GroupBy groupBy, String key, Numerator numerator, Instant now, int page,
                         int size) {
        String facts = numerator.level() == Level.INCIDENT ? "incident_facts" : "answer_facts";
        String attempt = numerator.level() == Level.INCIDENT ? "cast(null as int)" : "attempt";
        String where = " from " + facts + " where key = :key and " + numerator.fact();
        Map<String, Object> parameters = windowParameters(from, to, now);
        parameters.put("key", key);
        String with = with(window(groupBy, "i.reported_at >= :from and i.reported_at < :to"), answerKey(groupBy), null);
        long total = ((Number) query(with + "select count(*)" + where, parameters, null).getSingleResult()).longValue();
        Query rows = query(with + "select cast(incident_id as text) as incident_id, " + attempt
                + " as attempt, reported_at" + where + " order by reported_at, incident_id, attempt", parameters, Tuple.class)
                .setFirstResult(page * size).setMaxResults(size);
        @SuppressWarnings("unchecked")
        List<Tuple> found = rows.getResultList();
        return new Behind(total, found.stream().map(row -> new Counted((String) row.get("incident_id"),
                (Integer) row.get("attempt"), instant(row.get("reported_at")))).toList());
    }

    /**
     * What each of the incidents adds to the rollup, per dimension and group (the point is its day):
     * the same facts the rows give, counted as if every acknowledgeBy had passed, with its
     * durations' buckets. An incident whose reportedAt is unknown adds nothing.
     */
    Map<UUID, Map<Cell, Tally>> contributions(Collection<UUID> incidentIds) {
        // Each incident is counted once, grouped by owner (answers go to their own attempt's owner); every other
        // grouping takes the incident whole, under the incident's key in it.
        List<GroupBy> wholes = Arrays.stream(GroupBy.values()).filter(groupBy -> groupBy != GroupBy.OWNER).toList();
        String[] ids = incidentIds.stream().map(UUID::toString).toArray(String[]::new);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ids", ids);
        parameters.put("now", ROLLUP_NOW);
        Map<String, Tuple> keys = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Tuple> keyRows = query("select cast(i.incident_id as text) as id, " + wholes.stream()
                .map(groupBy -> "coalesce(" + groupBy.key() + ", '') as " + groupBy.parameter())
                .collect(Collectors.joining(", ")) + " from incident_view i where i.incident_id = any(cast(:ids as uuid[]))",
                parameters, Tuple.class).getResultList();
        keyRows.forEach(row -> keys.put((String) row.get("id"), row));
        // The incident travels in the dimension column, so one query counts them all.
        String selection = "select i.incident_id, cast(i.incident_id as text) as dimension, coalesce("
                + GroupBy.OWNER.key() + ", '') as key from incident_view i "
                + "where i.incident_id = any(cast(:ids as uuid[])) and i.reported_at is not null";
        Map<UUID, Map<Cell, Tally>> contributions = new HashMap<>();
        rowsAtOnce(selection, GroupBy.OWNER.answerKey(), Interval.DAY, parameters).forEach((byOwner, tally) -> {
            Map<Cell, Tally> cells = contributions.computeIfAbsent(UUID.fromString(byOwner.dimension()),
                    id -> new HashMap<>());
            cells.put(new Cell(GroupBy.OWNER.parameter(), byOwner.point(), byOwner.key()), tally);
            Tuple incidentKeys = keys.get(byOwner.dimension());
            List<Cell> whole = new ArrayList<>(List.of(new Cell("all", byOwner.point(), "all")));
            wholes.forEach(groupBy -> whole.add(new Cell(groupBy.parameter(), byOwner.point(),
                    (String) incidentKeys.get(groupBy.parameter()))));
            whole.forEach(cell -> cells.computeIfAbsent(cell, c -> new Tally()).addAll(tally));
        });
        return contributions;
    }

    private static String window(GroupBy groupBy, String reported) {
        return "select i.incident_id, 'report' as dimension, " + (groupBy == null ? "'all'" : groupBy.key())
                + " as key from incident_view i where " + reported;
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

    /** The cells' groups by point (the null point without an interval), each point's groups by key (null first). */
    private static Map<Instant, List<GroupCounts>> groups(Map<Cell, Tally> cells, boolean exact) {
        Map<Instant, List<GroupCounts>> points = new LinkedHashMap<>();
        TreeMap<Cell, Tally> ordered = new TreeMap<>(Cell.ORDER);
        ordered.putAll(cells);
        ordered.forEach((cell, tally) -> {
            if (tally.sums.values().stream().anyMatch(sum -> sum != 0)) {
                points.computeIfAbsent(cell.point(), point -> new ArrayList<>()).add(tally.counts(cell.key(), exact));
            }
        });
        return points;
    }

    /**
     * The sums of the incidents {@code selection} selects (columns {@code incident_id, dimension,
     * key}), per dimension, point and group, with exact medians, and the durations' buckets when asked.
     */
    private Map<Cell, Tally> rows(String selection, String answerKey, Interval interval, Map<String, Object> parameters,
                                  boolean withBuckets) {
        String with = with(selection, answerKey, interval);
        Map<Cell, Tally> cells = new HashMap<>();
        for (Counting counting : countings(withBuckets)) {
            @SuppressWarnings("unchecked")
            List<Tuple> rows = query(with + counting.sql(), parameters, Tuple.class).getResultList();
            rows.forEach(row -> tally(cells, columns(row)::get, counting));
        }
        return cells;
    }

    /**
     * The same in one statement, so that the facts are found once rather than once per count: for a
     * few incidents, whose facts are cheaper to keep than to find again.
     */
    private Map<Cell, Tally> rowsAtOnce(String selection, String answerKey, Interval interval,
                                        Map<String, Object> parameters) {
        List<Counting> countings = countings(true);
        String together = IntStream.range(0, countings.size()).mapToObj(i -> "select " + i
                        + " as counting, cast(to_jsonb(q) as text) as row from (" + countings.get(i).sql() + ") q")
                .collect(Collectors.joining(" union all "));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query(with(selection, answerKey, interval) + together, parameters, Tuple.class)
                .getResultList();
        Map<Cell, Tally> cells = new HashMap<>();
        for (Tuple row : rows) {
            Map<String, Object> columns = readColumns((String) row.get("row"));
            tally(cells, columns::get, countings.get(((Number) row.get("counting")).intValue()));
        }
        return cells;
    }

    /** One counting statement over the facts (after their WITH), and what a row adds beyond its sums. */
    private record Counting(String sql, BiConsumer<Function<String, Object>, Tally> more) {
    }

    private static List<Counting> countings(boolean withBuckets) {
        List<Counting> countings = new ArrayList<>();
        countings.add(new Counting("select dimension, key, point, count(*) as incidents, " + counts(INCIDENT_FACTS) + """
                , percentile_cont(0.5) within group (order by seconds_to_acknowledge) as median_acknowledge,
                  percentile_cont(0.5) within group (order by seconds_to_resolve) as median_resolve
                from incident_facts group by dimension, key, point""", (row, tally) -> {
            tally.exactAcknowledge = seconds(row.apply("median_acknowledge"));
            tally.exactResolve = seconds(row.apply("median_resolve"));
        }));
        countings.add(new Counting("select dimension, key, point, count(*) as answers, " + counts(ANSWER_FACTS) + """
                , count(speed) as speed_rated, sum(speed) as speed_sum,
                  count(fair_compensation) as fair_rated, sum(fair_compensation) as fair_sum
                from answer_facts group by dimension, key, point""", (row, tally) -> {
        }));
        countings.add(new Counting("""
                select f.dimension, f.key, f.point, count(*) as made, count(*) filter (where p.state = 'KEPT') as kept,
                  count(*) filter (where p.state = 'BROKEN') as broken
                from incident_facts f join promise_view p on p.incident_id = f.incident_id
                group by f.dimension, f.key, f.point""", (row, tally) -> {
        }));
        if (withBuckets) {
            countings.add(new Counting("select dimension, key, point, 'acknowledge' as measure, "
                    + bucketOf("seconds_to_acknowledge") + " as bucket, count(*) as durations from incident_facts "
                    + "where seconds_to_acknowledge is not null group by dimension, key, point, bucket union all "
                    + "select dimension, key, point, 'resolve', " + bucketOf("seconds_to_resolve")
                    + ", count(*) from incident_facts where seconds_to_resolve is not null "
                    + "group by dimension, key, point, 5", (row, tally) ->
                    ("acknowledge".equals(row.apply("measure")) ? tally.acknowledge : tally.resolve)
                            .merge(((Number) row.apply("bucket")).intValue(), count(row.apply("durations")), Long::sum)));
        }
        return countings;
    }

    /** Unacknowledged incidents of the whole days whose acknowledgeBy has not passed: the rollup counts them as due. */
    private Map<Cell, Long> notDueYet(GroupBy groupBy, Interval interval, Instant wholeFrom, Instant wholeTo,
                                      Instant now) {
        String point = interval == null ? "cast(null as timestamptz)" : interval.pointOf("i.reported_at");
        Map<String, Object> parameters = Map.of("wholeFrom", wholeFrom, "wholeTo", wholeTo, "now", now);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query("select " + (groupBy == null ? "'all'" : groupBy.key()) + " as key, " + point
                + " as point, count(*) as not_due from incident_view i where i.acknowledged_at is null "
                + "and i.acknowledge_by >= :now and i.reported_at >= :wholeFrom and i.reported_at < :wholeTo "
                + "group by 1, 2", parameters, Tuple.class).getResultList();
        Map<Cell, Long> notDue = new HashMap<>();
        rows.forEach(row -> notDue.put(new Cell("report", instant(row.get("point")), (String) row.get("key")),
                count(row.get("not_due"))));
        return notDue;
    }

    private static String counts(List<String> facts) {
        return facts.stream().map(fact -> "count(*) filter (where " + fact + ") as " + fact)
                .collect(Collectors.joining(", "));
    }

    /** Adds a row's sums (every column named in {@link #SUMS}) to its cell's tally, then what its count adds. */
    private static void tally(Map<Cell, Tally> cells, Function<String, Object> row, Counting counting) {
        Tally tally = cells.computeIfAbsent(new Cell((String) row.apply("dimension"), instant(row.apply("point")),
                (String) row.apply("key")), cell -> new Tally());
        for (String sum : SUMS) {
            Object value = row.apply(sum);
            if (value != null) {
                tally.add(sum, count(value));
            }
        }
        counting.more().accept(row, tally);
    }

    /** A row's columns by name (a Tuple refuses names it lacks). */
    private static Map<String, Object> columns(Tuple row) {
        Map<String, Object> columns = new HashMap<>();
        row.getElements().forEach(element -> columns.put(element.getAlias(), row.get(element)));
        return columns;
    }

    private Map<String, Object> readColumns(String row) {
        try {
            return json.readValue(row, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable counting row " + row, e);
        }
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

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof String json) {
            return OffsetDateTime.parse(json).toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double seconds(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
