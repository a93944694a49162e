package dev.amends.survey.service;

import dev.amends.survey.repository.RecoveryFigures;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RecoveryFigures.GroupCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The recovery figures of the incidents reported in [from, to), per group: the read model's counts
 * ({@link RecoveryFigures}) turned into rates and medians. Rates are null when their denominator is 0.
 */
@ApplicationScoped
public class RecoveryReport {

    public record Report(Instant from, Instant to, String groupBy, List<Group> groups) {
    }

    public record Group(String key, long incidents, long resolved, long invited, long answered, Double responseRate,
                        Double resolvedSatisfactorilyRate, Double csat, Double recoveryParadoxRate, Double perceptionGap,
                        Double causeAgreement, long promisesMade, Double promiseKeptRate, Double csatWhenPromisesKept,
                        Double csatWhenPromiseBroken, String medianTimeToAcknowledge, String medianTimeToResolve,
                        long optedOut, long undeliverable) {

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
                    median(i.medianSecondsToAcknowledge()), median(i.medianSecondsToResolve()), i.optedOut(),
                    i.undeliverable());
        }
    }

    private final RecoveryFigures figures;

    public RecoveryReport(RecoveryFigures figures) {
        this.figures = figures;
    }

    @Transactional
    public Report of(Instant from, Instant to, GroupBy groupBy) {
        List<Group> groups = figures.of(from, to, groupBy).stream().map(Group::of).toList();
        return new Report(from, to, groupBy == null ? null : groupBy.parameter(), groups);
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
