package dev.amends.survey.service;

import dev.amends.survey.repository.DisruptionCustomers;
import dev.amends.survey.repository.DisruptionFigures;
import dev.amends.survey.repository.DisruptionFigures.CustomerCounts;
import dev.amends.survey.repository.RecoveryFigures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The disruption report (contract section 8): how many of the customers a disruption hit complained
 * by themselves, what outreach reached, the recovery figures of both groups, and the reached against
 * the random holdout. Customers are the unit; shares are null when their denominator is 0.
 */
@ApplicationScoped
public class DisruptionReport {

    /** The groups whose recovery figures the report gives, in this order. */
    private static final List<String> GROUPS = List.of("complainedFirst", "reachedByOutreach");

    public record Report(UUID disruptionId, long affected, long complainedFirst, Double silentShare,
                         long reachedByOutreach, long heldOut, long complainedAfterOutreach, long complainedNotListed,
                         List<RecoveryReport.Group> groups, Comparison outreachComparison) {
    }

    /** A report and when its disruption started. */
    public record Dated(Instant startedAt, Report report) {
    }

    /** Did reaching out first change what customers did next? The reached against those set aside. */
    public record Comparison(Arm reachedByOutreach, Arm heldOut) {
    }

    /** {@code complainedLater}: a linked complaint after outreach or the holdout; {@code lapsed}: a lapse after it. */
    public record Arm(long customers, long complainedLater, Double complainedLaterRate, long lapsed, Double lapsedRate) {
        static Arm of(long customers, long complainedLater, long lapsed) {
            return new Arm(customers, complainedLater, RecoveryReport.rate(complainedLater, customers), lapsed,
                    RecoveryReport.rate(lapsed, customers));
        }
    }

    private final DisruptionCustomers disruptions;
    private final DisruptionFigures figures;
    private final Clock clock;

    public DisruptionReport(DisruptionCustomers disruptions, DisruptionFigures figures, Clock clock) {
        this.disruptions = disruptions;
        this.figures = figures;
        this.clock = clock;
    }

    /** The reports of the {@code count} disruptions declared last, newest first, with when each started. */
    @Transactional
    public List<Dated> latest(int count) {
        return disruptions.latest(count).stream().flatMap(id -> disruptions.startedAt(id).stream()
                .flatMap(startedAt -> of(id).map(report -> new Dated(startedAt, report)).stream())).toList();
    }

    /** Empty while the read model has not seen the disruption declared. */
    @Transactional
    public Optional<Report> of(UUID disruptionId) {
        if (disruptions.startedAt(disruptionId).isEmpty()) {
            return Optional.empty();
        }
        CustomerCounts customers = figures.customers(disruptionId);
        Map<String, RecoveryFigures.GroupCounts> counted = figures.groups(disruptionId, clock.instant()).stream()
                .collect(Collectors.toMap(RecoveryFigures.GroupCounts::key, Function.identity()));
        List<RecoveryReport.Group> groups = GROUPS.stream().map(key -> RecoveryReport.Group.of(counted.getOrDefault(key,
                new RecoveryFigures.GroupCounts(key, RecoveryFigures.IncidentCounts.NONE,
                        RecoveryFigures.AnswerCounts.NONE, RecoveryFigures.PromiseCounts.NONE)))).toList();
        Double complainedFirstShare = RecoveryReport.rate(customers.complainedFirst(), customers.affected());
        return Optional.of(new Report(disruptionId, customers.affected(), customers.complainedFirst(),
                complainedFirstShare == null ? null : 1 - complainedFirstShare, customers.reachedByOutreach(),
                customers.heldOut(), customers.reachedComplainedLater(), customers.complainedNotListed(), groups,
                new Comparison(Arm.of(customers.reachedByOutreach(), customers.reachedComplainedLater(),
                        customers.reachedLapsed()),
                        Arm.of(customers.heldOut(), customers.heldOutComplainedLater(), customers.heldOutLapsed()))));
    }
}
