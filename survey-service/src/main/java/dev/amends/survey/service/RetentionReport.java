package dev.amends.survey.service;

import dev.amends.common.events.LapseReason;
import dev.amends.survey.config.SurveyConfig;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RetentionFigures;
import dev.amends.survey.repository.RetentionFigures.Cell;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Whether a good recovery keeps customers (contract section 9): per group, the lapse rate of the
 * customers observed long enough, by their verdict and by comparedToBefore, with 95% Wilson
 * intervals; why the lapsed said they left; and how many win-back cases won a customer back.
 */
@ApplicationScoped
public class RetentionReport {

    /** 95%: the standard normal quantile of 0.975. */
    static final double Z = 1.959963984540054;
    static final List<String> VERDICTS = List.of("YES", "PARTLY", "NO", "NOT_ANSWERED");
    static final List<String> COMPARED = List.of("MORE", "SAME", "LESS", "NOT_ANSWERED");

    /** {@code observationPeriod} as ISO 8601, in days when it is whole days (P180D). */
    public record Report(Instant from, Instant to, String groupBy, String observationPeriod, List<Group> groups) {
    }

    public record Group(String key, long customers, List<ByVerdict> byVerdict, List<ByComparedToBefore> byComparedToBefore,
                        Interviews interviews, WinBack winBack) {
    }

    public record ByVerdict(String verdict, long customers, long observed, long lapsed, Double lapseRate,
                            Double lapseRateLow, Double lapseRateHigh) {
    }

    public record ByComparedToBefore(String comparedToBefore, long customers, long observed, long lapsed,
                                     Double lapseRate, Double lapseRateLow, Double lapseRateHigh) {
    }

    public record Interviews(long interviewed, long answered, Map<LapseReason, Double> reasons,
                             Double incidentHandlingShare) {
    }

    public record WinBack(long winBackCases, long wonBack, Double winBackRate) {
    }

    /** A share with its 95% Wilson score interval; all null when nothing was observed. */
    record Interval(Double rate, Double low, Double high) {
        static Interval wilson(long successes, long trials) {
            if (trials == 0) {
                return new Interval(null, null, null);
            }
            double n = trials;
            double p = successes / n;
            double z2 = Z * Z;
            double centre = p + z2 / (2 * n);
            double margin = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
            double scale = 1 + z2 / n;
            return new Interval(p, Math.max(0, (centre - margin) / scale), Math.min(1, (centre + margin) / scale));
        }
    }

    private final RetentionFigures figures;
    private final Clock clock;
    private final Duration observation;

    public RetentionReport(RetentionFigures figures, Clock clock, SurveyConfig config) {
        this.figures = figures;
        this.clock = clock;
        this.observation = config.retention().observation();
    }

    @Transactional
    public Report of(Instant from, Instant to, GroupBy groupBy) {
        Map<String, List<Cell>> byKey = new TreeMap<>();
        for (Cell cell : figures.of(from, to, groupBy, clock.instant(), observation)) {
            byKey.computeIfAbsent(cell.key() == null ? "unknown" : cell.key(), key -> new ArrayList<>()).add(cell);
        }
        List<Group> groups = byKey.entrySet().stream().map(group -> group(group.getKey(), group.getValue())).toList();
        String period = observation.toSeconds() % 86400 == 0 && observation.getNano() == 0
                ? "P" + observation.toDays() + "D" : observation.toString();
        return new Report(from, to, groupBy == null ? null : groupBy.parameter(), period, groups);
    }

    static Group group(String key, List<Cell> cells) {
        List<ByVerdict> byVerdict = VERDICTS.stream().map(verdict -> {
            Sums sums = Sums.of(cells, cell -> cell.verdict().equals(verdict));
            Interval interval = Interval.wilson(sums.lapsed, sums.observed);
            return new ByVerdict(verdict, sums.customers, sums.observed, sums.lapsed, interval.rate(), interval.low(),
                    interval.high());
        }).toList();
        List<ByComparedToBefore> byCompared = COMPARED.stream().map(compared -> {
            Sums sums = Sums.of(cells, cell -> cell.comparedToBefore().equals(compared));
            Interval interval = Interval.wilson(sums.lapsed, sums.observed);
            return new ByComparedToBefore(compared, sums.customers, sums.observed, sums.lapsed, interval.rate(),
                    interval.low(), interval.high());
        }).toList();
        Sums all = Sums.of(cells, cell -> true);
        Map<LapseReason, Double> reasons = new LinkedHashMap<>();
        for (LapseReason reason : LapseReason.values()) {
            reasons.put(reason, RecoveryReport.rate(cells.stream().mapToLong(cell -> cell.reasons().get(reason)).sum(),
                    all.answered));
        }
        return new Group(key, all.customers, byVerdict, byCompared,
                new Interviews(all.interviewed, all.answered, reasons, RecoveryReport.rate(all.incidentHandling, all.answered)),
                new WinBack(all.winBackCases, all.wonBack, RecoveryReport.rate(all.wonBack, all.winBackCases)));
    }

    /** The counts of the cells a filter picks, added up. */
    private record Sums(long customers, long observed, long lapsed, long interviewed, long answered,
                        long incidentHandling, long winBackCases, long wonBack) {
        static Sums of(List<Cell> cells, Predicate<Cell> picks) {
            List<Cell> picked = cells.stream().filter(picks).toList();
            return new Sums(sum(picked, Cell::customers), sum(picked, Cell::observed), sum(picked, Cell::lapsed),
                    sum(picked, Cell::interviewed), sum(picked, Cell::answered), sum(picked, Cell::incidentHandling),
                    sum(picked, Cell::winBackCases), sum(picked, Cell::wonBack));
        }

        private static long sum(List<Cell> cells, ToLongFunction<Cell> count) {
            return cells.stream().mapToLong(count).sum();
        }
    }
}
