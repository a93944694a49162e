package dev.amends.survey.report;

import dev.amends.survey.repository.RecoveryFigures.AnswerCounts;
import dev.amends.survey.repository.RecoveryFigures.GroupCounts;
import dev.amends.survey.repository.RecoveryFigures.IncidentCounts;
import dev.amends.survey.repository.RecoveryFigures.PromiseCounts;
import dev.amends.survey.service.RecoveryReport.Group;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's rates and medians from a group's counts, without a database (contract section 6). */
class RecoveryArithmeticTest {

    private static final IncidentCounts TEN_INCIDENTS = new IncidentCounts(10, 8, 5, 2, 6, 3, 7, 4, 1, 6, 1, 2,
            90.0, 7_200.0004);

    @Test
    void ratesDivideWhatEachFigureCountsByWhatItComparesWith() {
        AnswerCounts answers = new AnswerCounts(4, 3, 4, 3, 2, 1, 1, 1, 0, 2, 1, 2, 2, 1, 0, 3, 2, 3, 11, 2,
                7);
        Group group = Group.of(new GroupCounts("delivery", TEN_INCIDENTS, answers, new PromiseCounts(3, 1, 1)));

        assertThat(group.key()).isEqualTo("delivery");
        assertThat(group.incidents()).isEqualTo(10);
        assertThat(group.responseRate()).isEqualTo(2 / 5.0);
        assertThat(group.resolvedSatisfactorilyRate()).isEqualTo(3 / 4.0);
        assertThat(group.csat()).isEqualTo(3 / 4.0);
        assertThat(group.recoveryParadoxRate()).isEqualTo(1 / 2.0);
        assertThat(group.perceptionGap()).isEqualTo(1 / 4.0);
        assertThat(group.causeAgreement()).isEqualTo(1 / 2.0);
        assertThat(group.csatWhenPromisesKept()).isEqualTo(1.0);
        assertThat(group.csatWhenPromiseBroken()).isEqualTo(0.0);
        assertThat(group.optimisticGap()).isEqualTo(1 / 4.0);
        assertThat(group.pessimisticGap()).isEqualTo(0.0);
        assertThat(group.firstAttemptRate()).isEqualTo(2 / 3.0);
        assertThat(group.averageSpeed()).isEqualTo(11 / 3.0);
        assertThat(group.averageFairCompensation()).isEqualTo(3.5);
    }

    @Test
    void handlingRatesDivideByTheIncidentsEachOneJudges() {
        Group group = Group.of(new GroupCounts("all", TEN_INCIDENTS, AnswerCounts.NONE, PromiseCounts.NONE));

        assertThat(group.apologyRate()).isEqualTo(3 / 6.0);            // of the acknowledged
        assertThat(group.acknowledgedInTimeRate()).isEqualTo(4 / 7.0); // of those acknowledged or due
        assertThat(group.slaBreachRate()).isEqualTo(1 / 10.0);         // of all
        assertThat(group.singleOwnerRate()).isEqualTo(6 / 8.0);        // of the resolved
    }

    @Test
    void thePromiseKeptRateCountsOnlyPromisesThatEnded() {
        Group group = Group.of(new GroupCounts("all", TEN_INCIDENTS, AnswerCounts.NONE, new PromiseCounts(5, 1, 3)));

        assertThat(group.promisesMade()).isEqualTo(5);
        assertThat(group.promiseKeptRate()).isEqualTo(1 / 4.0);
    }

    @Test
    void aRateWithNothingToCompareWithIsNullNotZero() {
        Group group = Group.of(new GroupCounts("all", new IncidentCounts(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null),
                AnswerCounts.NONE, new PromiseCounts(2, 0, 0)));

        assertThat(group.responseRate()).isNull();
        assertThat(group.csat()).isNull();
        assertThat(group.perceptionGap()).isNull();
        assertThat(group.promiseKeptRate()).isNull();
        assertThat(group.csatWhenPromiseBroken()).isNull();
        assertThat(group.medianTimeToAcknowledge()).isNull();
        assertThat(group.apologyRate()).isNull();
        assertThat(group.acknowledgedInTimeRate()).isNull();
        assertThat(group.singleOwnerRate()).isNull();
        assertThat(group.averageSpeed()).isNull();
        assertThat(group.firstAttemptRate()).isNull();
    }

    @Test
    void mediansAreIsoDurationsRoundedToTheMillisecond() {
        Group group = Group.of(new GroupCounts("all", TEN_INCIDENTS, AnswerCounts.NONE, PromiseCounts.NONE));

        assertThat(group.medianTimeToAcknowledge()).isEqualTo("PT1M30S");
        assertThat(group.medianTimeToResolve()).isEqualTo("PT2H");
        assertThat(Group.of(new GroupCounts("all", new IncidentCounts(1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1.2345, 0.0005),
                AnswerCounts.NONE, PromiseCounts.NONE)).medianTimeToAcknowledge()).isEqualTo("PT1.235S");
    }
}
