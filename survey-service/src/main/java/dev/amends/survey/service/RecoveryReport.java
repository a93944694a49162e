package dev.amends.survey.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recovery figures of the incidents reported in [from, to), per group, computed by the
 * database from the read model. Counts of incidents count each incident once; answer figures count
 * answers (one per attempt); rates are null when their denominator is 0.
 */
@ApplicationScoped
public class RecoveryReport {

    /** How incidents are grouped; {@code owner} is the owner at the incident's latest resolution. */
    public enum GroupBy {
        CATEGORY("coalesce(i.category, 'uncategorised')"),
        CHANNEL("i.channel"),
        SEVERITY("i.severity"),
        OWNER("(select a.owner from attempt_view a where a.incident_id = i.incident_id order by a.attempt desc limit 1)");

        private final String key;

        GroupBy(String key) {
            this.key = key;
        }

        /** As the query parameter names it: category, channel, severity, owner. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Report(Instant from, Instant to, String groupBy, List<Group> groups) {
    }

    public record Group(String key, long incidents, long resolved, long invited, long answered, Double responseRate,
                        Double resolvedSatisfactorilyRate, Double csat, Double recoveryParadoxRate, Double perceptionGap,
                        Double causeAgreement, long promisesMade, Double promiseKeptRate, Double csatWhenPromisesKept,
                        Double csatWhenPromiseBroken, String medianTimeToAcknowledge, String medianTimeToResolve) {
    }

    private final EntityManager entityManager;

    public RecoveryReport(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public Report of(Instant from, Instant to, GroupBy groupBy) {
        String window = "with inc as (select i.incident_id, i.reported_at, i.acknowledged_at, i.first_resolved_at, "
                + (groupBy == null ? "'all'" : groupBy.key) + " as key from incident_view i "
                + "where i.reported_at >= :from and i.reported_at < :to) ";
        Map<String, Object[]> incidents = byKey(window + """
                select key, count(*),
                  count(*) filter (where exists (select 1 from attempt_view a where a.incident_id = inc.incident_id)),
                  count(*) filter (where exists (select 1 from invitation v where v.incident_id = inc.incident_id
                                                 and v.sent_at is not null)),
                  count(*) filter (where exists (select 1 from survey_answer s where s.incident_id = inc.incident_id)),
                  percentile_cont(0.5) within group (order by extract(epoch from acknowledged_at - reported_at)),
                  percentile_cont(0.5) within group (order by extract(epoch from first_resolved_at - reported_at))
                from inc group by key""", from, to);
        Map<String, Object[]> answers = byKey(window + """
                , promises as (select incident_id, count(*) as made, count(*) filter (where state = 'BROKEN') as broken
                               from promise_view where incident_id in (select incident_id from inc) group by incident_id)
                select inc.key, count(*),
                  count(*) filter (where s.resolved_satisfactorily = 'YES'),
                  count(s.satisfaction), count(*) filter (where s.satisfaction >= 4),
                  count(s.compared_to_before), count(*) filter (where s.compared_to_before = 'MORE'),
                  count(*) filter (where s.resolved_satisfactorily <> a.expected_verdict),
                  count(s.cause) filter (where a.cause is not null),
                  count(*) filter (where s.cause = case a.cause when 'CUSTOMER' then 'ME' when 'UNKNOWN' then 'DONT_KNOW'
                                                  else a.cause end),
                  count(s.satisfaction) filter (where p.made > 0 and p.broken = 0),
                  count(*) filter (where p.made > 0 and p.broken = 0 and s.satisfaction >= 4),
                  count(s.satisfaction) filter (where p.broken > 0),
                  count(*) filter (where p.broken > 0 and s.satisfaction >= 4)
                from inc join survey_answer s on s.incident_id = inc.incident_id
                left join attempt_view a on a.incident_id = s.incident_id and a.attempt = s.attempt
                left join promises p on p.incident_id = inc.incident_id
                group by inc.key""", from, to);
        Map<String, Object[]> promises = byKey(window + """
                select inc.key, count(*), count(*) filter (where p.state = 'KEPT'), count(*) filter (where p.state = 'BROKEN')
                from inc join promise_view p on p.incident_id = inc.incident_id group by inc.key""", from, to);

        List<Group> groups = incidents.entrySet().stream().map(entry -> {
            Object[] i = entry.getValue();
            Object[] a = answers.getOrDefault(entry.getKey(), new Object[15]);
            Object[] p = promises.getOrDefault(entry.getKey(), new Object[4]);
            return new Group(entry.getKey(), count(i[1]), count(i[2]), count(i[3]), count(i[4]),
                    rate(i[4], i[3]), rate(a[2], a[1]), rate(a[4], a[3]), rate(a[6], a[5]), rate(a[7], a[1]),
                    rate(a[9], a[8]), count(p[1]), rate(p[2], count(p[2]) + count(p[3])), rate(a[11], a[10]),
                    rate(a[13], a[12]), median(i[5]), median(i[6]));
        }).toList();
        return new Report(from, to, groupBy == null ? null : groupBy.parameter(), groups);
    }

    /** Rows by their first column, the group key (null keys sort first). */
    private Map<String, Object[]> byKey(String sql, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setParameter("from", from).setParameter("to", to)
                .getResultList();
        Map<String, Object[]> byKey = new TreeMap<>(Comparator.nullsFirst(String::compareTo));
        for (Object[] row : rows) {
            byKey.put((String) row[0], row);
        }
        return new LinkedHashMap<>(byKey);
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double rate(Object numerator, Object denominator) {
        long below = count(denominator);
        return below == 0 ? null : (double) count(numerator) / below;
    }

    /** An ISO 8601 duration, to the millisecond. */
    private static String median(Object seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal millis = new BigDecimal(seconds.toString()).movePointRight(3).setScale(0, RoundingMode.HALF_UP);
        return Duration.ofMillis(millis.longValueExact()).toString();
    }
}
