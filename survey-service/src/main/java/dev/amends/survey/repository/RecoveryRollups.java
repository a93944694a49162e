package dev.amends.survey.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.survey.repository.RecoveryFigures.Cell;
import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.repository.RecoveryFigures.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The recovery figures kept up to date per UTC day, dimension and group (contract section 11). The
 * transaction that changes an incident marks it; a catch-up (the worker's, within a second, and
 * every report's before it reads) counts the marked incidents in, many in one transaction. Each
 * incident's last contribution is stored beside the rollup, so a catch-up adds only the
 * difference: counting twice, or after a redelivered event, changes nothing, and the mark's row
 * lock makes two replicas take turns.
 */
@ApplicationScoped
public class RecoveryRollups {

    /** The rollup's columns after its key, as RecoveryFigures names the sums. */
    private static final String SUM_UPDATES = RecoveryFigures.SUMS.stream()
            .map(sum -> sum + " = recovery_rollup." + sum + " + excluded." + sum).collect(Collectors.joining(", "));

    /** What an incident added last: its day, and per dimension and group its sums and durations' buckets. */
    record Contribution(LocalDate day, List<Part> parts) {
        static final Contribution NONE = new Contribution(null, List.of());
    }

    record Part(String dimension, String key, Map<String, Long> sums, Map<Integer, Long> acknowledge,
                Map<Integer, Long> resolve) {
    }

    private final EntityManager entityManager;
    private final Instance<RecoveryFigures> figures;
    private final ObjectMapper json;

    public RecoveryRollups(EntityManager entityManager, Instance<RecoveryFigures> figures, ObjectMapper json) {
        this.entityManager = entityManager;
        this.figures = figures;
        this.json = json;
    }

    /** Marks the incident's figures as changed, for the next catch-up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(UUID incidentId) {
        changed(List.of(incidentId));
    }

    /**
     * Marks the incidents' figures as changed, in the transaction that changed them. Each mark is
     * written even when one is there (and in the incidents' order), so that it holds the mark's row
     * lock: a catch-up that claims the mark waits until this transaction has ended, and so reads
     * what it changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return;
        }
        String[] ids = incidentIds.stream().map(UUID::toString).distinct().sorted().toArray(String[]::new);
        entityManager.createNativeQuery("insert into rollup_pending (incident_id) select unnest(cast(:ids as uuid[])) "
                + "on conflict (incident_id) do update set incident_id = excluded.incident_id")
                .setParameter("ids", ids).executeUpdate();
    }

    /**
     * Counts in up to {@code limit} marked incidents: claims their marks, finds what each adds now
     * (one query for all), and writes the differences from what each added last, one statement per
     * table in the cells' order, so that two catch-ups take the rollup's row locks alike. A worker
     * skips marks another transaction holds; a report ({@code waitForOthers}) waits for them, so
     * that it reads every change committed before it. Answers how many marks it claimed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int catchUp(int limit, boolean waitForOthers) {
        @SuppressWarnings("unchecked")
        List<UUID> claimed = entityManager.createNativeQuery("delete from rollup_pending where incident_id in ("
                        + "select incident_id from rollup_pending order by incident_id limit :n for update"
                        + (waitForOthers ? "" : " skip locked") + ") returning incident_id", UUID.class)
                .setParameter("n", limit).getResultList();
        if (claimed.isEmpty()) {
            return 0;
        }
        String[] ids = claimed.stream().map(UUID::toString).sorted().toArray(String[]::new);
        Map<UUID, Map<Cell, Tally>> current = figures.get().contributions(claimed);
        Map<UUID, Contribution> before = stored(ids);
        Map<Cell, Map<String, Long>> sums = new TreeMap<>(Cell.ORDER);
        Map<List<Object>, Long> durations = new TreeMap<>(Comparator.comparing(Object::toString));
        Map<UUID, Contribution> changed = new TreeMap<>();
        for (String id : ids) {
            UUID incidentId = UUID.fromString(id);
            Contribution now = contribution(current.getOrDefault(incidentId, Map.of()));
            Contribution was = before.getOrDefault(incidentId, Contribution.NONE);
            if (!now.equals(was)) {
                apply(was, -1, sums, durations);
                apply(now, 1, sums, durations);
                changed.put(incidentId, now);
            }
        }
        upsertSums(sums);
        upsertDurations(durations);
        store(changed);
        return claimed.size();
    }

    /** The whole days [from, to) of a dimension, summed per group and point (the day's point of the interval). */
    Map<Cell, Tally> days(String dimension, LocalDate from, LocalDate to, Interval interval) {
        String point = interval == null ? "cast(null as timestamptz)" : interval.pointOfDay("day");
        Map<String, Object> parameters = Map.of("dimension", dimension, "from", from, "to", to);
        Map<Cell, Tally> cells = new HashMap<>();
        String sums = RecoveryFigures.SUMS.stream().map(sum -> "sum(" + sum + ") as " + sum)
                .collect(Collectors.joining(", "));
        for (Tuple row : rows("select key, " + point + " as point, " + sums + " from recovery_rollup "
                + "where dimension = :dimension and day >= :from and day < :to group by 1, 2", parameters)) {
            Tally tally = cells.computeIfAbsent(cell(row), cell -> new Tally());
            RecoveryFigures.SUMS.forEach(sum -> tally.add(sum, ((Number) row.get(sum)).longValue()));
        }
        for (Tuple row : rows("select key, " + point + " as point, measure, bucket, sum(count) as count "
                + "from recovery_duration where dimension = :dimension and day >= :from and day < :to "
                + "group by 1, 2, 3, 4", parameters)) {
            Tally tally = cells.computeIfAbsent(cell(row), cell -> new Tally());
            ("acknowledge".equals(row.get("measure")) ? tally.acknowledge : tally.resolve)
                    .merge(((Number) row.get("bucket")).intValue(), ((Number) row.get("count")).longValue(), Long::sum);
        }
        return cells;
    }

    private static Cell cell(Tuple row) {
        return new Cell("rollup", RecoveryFigures.instant(row.get("point")), (String) row.get("key"));
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> rows(String sql, Map<String, Object> parameters) {
        var query = entityManager.createNativeQuery(sql, Tuple.class);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    private static Contribution contribution(Map<Cell, Tally> cells) {
        if (cells.isEmpty()) {
            return Contribution.NONE;
        }
        LocalDate day = null;
        List<Part> parts = new ArrayList<>();
        TreeMap<Cell, Tally> ordered = new TreeMap<>(Cell.ORDER);
        ordered.putAll(cells);
        for (Map.Entry<Cell, Tally> cell : ordered.entrySet()) {
            day = LocalDate.ofInstant(cell.getKey().point(), ZoneOffset.UTC);
            Tally tally = cell.getValue();
            Map<String, Long> sums = new TreeMap<>();
            tally.sums.forEach((sum, value) -> {
                if (value != 0) {
                    sums.put(sum, value);
                }
            });
            parts.add(new Part(cell.getKey().dimension(), cell.getKey().key(), sums, new TreeMap<>(tally.acknowledge),
                    new TreeMap<>(tally.resolve)));
        }
        return new Contribution(day, parts);
    }

    private static void apply(Contribution contribution, long sign, Map<Cell, Map<String, Long>> sums,
                              Map<List<Object>, Long> durations) {
        for (Part part : contribution.parts()) {
            Cell cell = new Cell(part.dimension(), contribution.day().atStartOfDay(ZoneOffset.UTC).toInstant(), part.key());
            Map<String, Long> cellSums = sums.computeIfAbsent(cell, c -> new HashMap<>());
            part.sums().forEach((sum, value) -> cellSums.merge(sum, sign * value, Long::sum));
            part.acknowledge().forEach((bucket, count) -> durations.merge(
                    List.of(part.dimension(), contribution.day(), part.key(), "acknowledge", bucket), sign * count, Long::sum));
            part.resolve().forEach((bucket, count) -> durations.merge(
                    List.of(part.dimension(), contribution.day(), part.key(), "resolve", bucket), sign * count, Long::sum));
        }
    }

    /** One statement for every cell, in the cells' order, so two transactions take the rows' locks alike. */
    private void upsertSums(Map<Cell, Map<String, Long>> sums) {
        List<Map<String, Object>> rows = new ArrayList<>();
        sums.forEach((cell, cellSums) -> {
            if (cellSums.values().stream().allMatch(value -> value == 0)) {
                return;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dimension", cell.dimension());
            row.put("day", LocalDate.ofInstant(cell.point(), ZoneOffset.UTC).toString());
            row.put("key", cell.key());
            RecoveryFigures.SUMS.forEach(sum -> row.put(sum, cellSums.getOrDefault(sum, 0L)));
            rows.add(row);
        });
        if (!rows.isEmpty()) {
            entityManager.createNativeQuery("insert into recovery_rollup select * from "
                    + "jsonb_populate_recordset(null::recovery_rollup, cast(:rows as jsonb)) "
                    + "on conflict (dimension, day, key) do update set " + SUM_UPDATES)
                    .setParameter("rows", write(rows)).executeUpdate();
        }
    }

    private void upsertDurations(Map<List<Object>, Long> durations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        durations.forEach((key, count) -> {
            if (count != 0) {
                rows.add(Map.of("dimension", key.get(0), "day", key.get(1).toString(), "key", key.get(2),
                        "measure", key.get(3), "bucket", key.get(4), "count", count));
            }
        });
        if (!rows.isEmpty()) {
            entityManager.createNativeQuery("insert into recovery_duration select * from "
                    + "jsonb_populate_recordset(null::recovery_duration, cast(:rows as jsonb)) "
                    + "on conflict (dimension, day, key, measure, bucket) do update "
                    + "set count = recovery_duration.count + excluded.count")
                    .setParameter("rows", write(rows)).executeUpdate();
        }
    }

    private Map<UUID, Contribution> stored(String[] ids) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("select cast(incident_id as text) as id, "
                        + "cast(contribution as text) as contribution from incident_contribution "
                        + "where incident_id = any(cast(:ids as uuid[]))", Tuple.class)
                .setParameter("ids", ids).getResultList();
        Map<UUID, Contribution> stored = new HashMap<>();
        for (Tuple row : rows) {
            try {
                stored.put(UUID.fromString((String) row.get("id")),
                        json.readValue((String) row.get("contribution"), Contribution.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable contribution of incident " + row.get("id"), e);
            }
        }
        return stored;
    }

    private void store(Map<UUID, Contribution> contributions) {
        if (contributions.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        contributions.forEach((id, contribution) -> rows.add(Map.of("incident_id", id.toString(),
                "contribution", contribution)));
        entityManager.createNativeQuery("insert into incident_contribution select * from "
                        + "jsonb_populate_recordset(null::incident_contribution, cast(:rows as jsonb)) "
                        + "on conflict (incident_id) do update set contribution = excluded.contribution")
                .setParameter("rows", write(rows)).executeUpdate();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
