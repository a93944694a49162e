package dev.amends.survey.service;

import dev.amends.survey.repository.RecoveryFigures;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RecoveryFigures.GroupCounts;
import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.repository.RecoveryFigures.Numerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The recovery figures of the incidents reported in [from, to), per group: the read model's counts
 * ({@link RecoveryFigures}) turned into rates and medians. Rates are null when their denominator is 0.
 */
@ApplicationScoped
public class RecoveryReport {

    /** EXACT when every incident of the window came from rows, else from the rollup's 2% buckets. */
    private static String medianMethod(boolean exact) {
        return exact ? "EXACT" : "HISTOGRAM_2PCT";
    }

    public record Report(Instant from, Instant to, String groupBy, String medianMethod, List<Group> groups) {
    }

    public record Series(Instant from, Instant to, String interval, String groupBy, String medianMethod,
                         List<Point> points) {
    }

    /** One interval of a series, from {@code start}; its groups are the incidents reported in it and the window. */
    public record Point(Instant start, List<Group> groups) {
    }

    public record Group(String key, long incidents, long resolved, long invited, long answered, Double responseRate,
                        Double resolvedSatisfactorilyRate, Double csat, Double recoveryParadoxRate, Double perceptionGap,
                        Double causeAgreement, long promisesMade, Double promiseKeptRate, Double csatWhenPromisesKept,
                        Double csatWhenPromiseBroken, String medianTimeToAcknowledge, String medianTimeToResolve,
                        Double apologyRate, Double acknowledgedInTimeRate, Double slaBreachRate, Double singleOwnerRate,
                        Double firstAttemptRate, Double averageSpeed, Double averageFairCompensation,
                        Double optimisticGap, Double pessimisticGap, long optedOut, long undeliverable) {

        /**
         * The figures of one group's counts: CSAT is the share of ratings of 4 or 5, the perception
         * gap the share of answers whose verdict differs from the one the agent expected, the
         * promise-kept rate counts only promises that were kept or broken (open ones have not ended).
         */
        public static Group of(GroupCounts counts) {
            RecoveryFigures.IncidentCounts i = counts.incidents();
            RecoveryFigures.AnswerCounts a = counts.answers();
            RecoveryFigures.PromiseCounts p = counts.promises();
            return new Group(counts.key(), i.incidents(), i.resolved(), i.invited(), i.answered(),
                    rate(i.answered(), i.invited()), rate(a.resolvedSatisfactorily(), a.answers()),
                    rate(a.satisfied(), a.rated()), rate(a.moreLoyal(), a.compared()),
                    rate(a.verdictNotAsExpected(), a.answers()), rate(a.causeAgreed(), a.causesCompared()),
                    p.made(), rate(p.kept(), p.kept() + p.broken()),
                    rate(a.satisfiedWithPromisesKept(), a.ratedWithPromisesKept()),
                    rate(a.satisfiedWithAPromiseBroken(), a.ratedWithAPromiseBroken()),
                    median(i.medianSecondsToAcknowledge()), median(i.medianSecondsToResolve()),
                    rate(i.apologised(), i.acknowledged()), rate(i.acknowledgedInTime(), i.acknowledgementDue()),
                    rate(i.slaBreached(), i.incidents()), rate(i.singleOwner(), i.resolved()),
                    rate(a.firstAttemptYes(), a.firstAttemptAnswers()), rate(a.speedSum(), a.speedRated()),
                    rate(a.fairCompensationSum(), a.fairCompensationRated()), rate(a.optimistic(), a.answers()),
                    rate(a.pessimistic(), a.answers()), i.optedOut(), i.undeliverable());
        }
    }

    /** One page of the incidents (or answered attempts) in a figure's numerator, and how many there are. */
    public record Behind(long total, List<RecoveryFigures.Counted> incidents) {
    }

    private final RecoveryFigures figures;
    private final Clock clock;

    public RecoveryReport(RecoveryFigures figures, Clock clock) {
        this.figures = figures;
        this.clock = clock;
    }

    /** A group's figures with the counts behind them: the dashboard shows each figure's denominator. */
    public record Counted(Group figures, GroupCounts counts) {
    }

    @Transactional
    public List<Counted> counted(Instant from, Instant to, GroupBy groupBy) {
        return figures.of(from, to, groupBy, clock.instant()).groups().stream()
                .map(counts -> new Counted(Group.of(counts), counts)).toList();
    }

    @Transactional
    public Report of(Instant from, Instant to, GroupBy groupBy) {
        RecoveryFigures.Figures counted = figures.of(from, to, groupBy, clock.instant());
        return new Report(from, to, parameter(groupBy), medianMethod(counted.exactMedians()),
                counted.groups().stream().map(Group::of).toList());
    }

    /** Every point from the one {@code from} falls in to the one before {@code to}, empty ones too. */
    @Transactional
    public Series series(Instant from, Instant to, Interval interval, GroupBy groupBy) {
        RecoveryFigures.SeriesFigures counted = figures.series(from, to, interval, groupBy, clock.instant());
        Map<Instant, List<GroupCounts>> byStart = counted.points();
        List<Point> points = SeriesPoints.starts(from, to, interval).stream().map(start -> new Point(start,
                byStart.getOrDefault(start, List.of()).stream().map(Group::of).toList())).toList();
        return new Series(from, to, interval.parameter(), parameter(groupBy), medianMethod(counted.exactMedians()),
                points);
    }

    /** Without grouping the one group is {@code all}. */
    @Transactional
    public Behind behind(Instant from, Instant to, GroupBy groupBy, String key, Numerator numerator, int page,
                         int size) {
        RecoveryFigures.Behind found = figures.behind(from, to, groupBy, groupBy == null ? "all" : key, numerator,
                clock.instant(), page, size);
        return new Behind(found.total(), found.page());
    }

    private static String parameter(GroupBy groupBy) {
        return groupBy == null ? null : groupBy.parameter();
    }

    static Double rate(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    /** An ISO 8601 duration, to the millisecond. */
    private static String median(Double seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal millis = BigDecimal.valueOf(seconds).movePointRight(3).setScale(0, RoundingMode.HALF_UP);
        return Duration.ofMillis(millis.longValueExact()).toString();
    }
}
