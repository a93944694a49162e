package dev.amends.survey.repository;

import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseCompensationOffered;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CaseOwnerChanged;
import dev.amends.common.events.CasePromiseBroken;
import dev.amends.common.events.CasePromiseKept;
import dev.amends.common.events.CasePromiseMade;
import dev.amends.common.events.CaseReopened;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseSlaBreached;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.ComparedToBefore;
import dev.amends.common.events.CompensationKind;
import dev.amends.common.events.CustomerCause;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.ReopenedBy;
import dev.amends.common.events.Severity;
import dev.amends.common.events.SlaClock;
import dev.amends.common.events.UndeliverableReason;
import dev.amends.common.events.Verdict;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RecoveryFigures.GroupCounts;
import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.service.AnswerInput;
import dev.amends.survey.service.InvitationWork;
import dev.amends.survey.service.OptOuts;
import dev.amends.survey.service.ReadModel;
import dev.amends.survey.service.SurveyAnswers;
import dev.amends.survey.service.SurveyTokens;
import dev.amends.survey.support.SurveyTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The rollup's answers equal the row-level definitions (contract section 11): a generated data set
 * of 300 incidents over 12 days, applied through the read model's own code (two threads, as the
 * incidents and the cases consumers would, while two more catch up side by side with the worker,
 * some incidents counted twice as after a redelivery), then random windows and every grouping
 * compared with the query over rows: every count exactly, the medians within the buckets' 2%.
 */
@QuarkusTest
class RollupAgainstRowsTest extends SurveyTest {

    private static final int INCIDENTS = 300;
    /** Over fewer days than a survey link is valid, so that every resolution is invited. */
    private static final int DAYS = 12;
    private static final List<String> OWNERS = List.of("ola", "kari", "per", "liv");
    private static final List<UUID> DISRUPTIONS = List.of(UUID.randomUUID(), UUID.randomUUID());

    @Inject
    ReadModel readModel;
    @Inject
    RecoveryFigures figures;
    @Inject
    RecoveryRollups rollups;
    @Inject
    InvitationWork work;
    @Inject
    SurveyTokens tokens;
    @Inject
    SurveyAnswers answers;
    @Inject
    OptOuts optOuts;
    @Inject
    EntityManager entityManager;

    private final Random random = new Random(20261207);

    @Test
    void everyWindowAndGroupingAnswersAsTheRowsDo() {
        // Days of their own, far from every other test's incidents.
        Instant base = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(random.nextInt(5000)))
                .plus(Duration.ofDays(UUID.randomUUID().hashCode() & 0xfff));
        // The service lives at the data set's end: its resolutions are recent enough to be invited.
        clock.setTo(base.plus(Duration.ofDays(DAYS + 1)));
        List<Story> stories = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            stories.add(story(base));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CompletableFuture<Void> incidents = CompletableFuture.runAsync(() -> stories.forEach(story ->
                apply(story.reported())), threads);
        CompletableFuture<Void> cases = CompletableFuture.runAsync(() -> stories.forEach(story ->
                story.firstAttempt().forEach(this::apply)), threads);
        List<CompletableFuture<Void>> catchingUp = List.of(
                CompletableFuture.runAsync(() -> catchUpUntil(incidents), threads),
                CompletableFuture.runAsync(() -> catchUpUntil(cases), threads));
        incidents.join();
        cases.join();
        catchingUp.forEach(CompletableFuture::join);
        threads.shutdown();
        for (Story story : stories) {
            surveyAndAnswer(story);
        }
        stories.stream().filter(story -> random.nextInt(4) == 0).forEach(story ->
                QuarkusTransaction.requiringNew().run(() -> rollups.changed(story.id())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew()
                .call(() -> entityManager.createNativeQuery("select count(*) from rollup_pending").getSingleResult()))
                .as("the worker counted every marked incident in").isEqualTo(0L));

        // Reports read as of the last day's evening: a few unacknowledged incidents are not due yet.
        Instant now = base.plus(Duration.ofDays(DAYS - 1)).plus(Duration.ofHours(20));
        for (int window = 0; window < 12; window++) {
            Instant from = base.plus(Duration.ofMinutes(random.nextInt(4 * 24 * 60)));
            Instant to = from.plus(Duration.ofMinutes(30 + random.nextInt(8 * 24 * 60)));
            for (GroupBy groupBy : groupings()) {
                List<GroupCounts> fromRollup = QuarkusTransaction.requiringNew()
                        .call(() -> figures.of(from, to, groupBy, now).groups());
                List<GroupCounts> fromRows = QuarkusTransaction.requiringNew()
                        .call(() -> figures.rowLevel(from, to, groupBy, now));
                assertSame(fromRollup, fromRows, from + " to " + to + " by " + groupBy);
            }
        }
        Instant from = base.plus(Duration.ofHours(7));
        Instant to = base.plus(Duration.ofDays(DAYS - 1)).plus(Duration.ofHours(3));
        for (Interval interval : List.of(Interval.DAY, Interval.WEEK)) {
            Map<Instant, List<GroupCounts>> series = QuarkusTransaction.requiringNew()
                    .call(() -> figures.series(from, to, interval, GroupBy.OWNER, now).points());
            Map<Instant, List<GroupCounts>> rows = QuarkusTransaction.requiringNew()
                    .call(() -> figures.rowLevelSeries(from, to, interval, GroupBy.OWNER, now));
            assertThat(series.keySet()).as(interval + " points").isEqualTo(rows.keySet());
            series.forEach((point, groups) -> assertSame(groups, rows.get(point), interval + " " + point));
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> figures.of(from, to, null, now).exactMedians()))
                .as("whole days came from the rollup").isFalse();
    }

    private static List<GroupBy> groupings() {
        List<GroupBy> groupings = new ArrayList<>(Arrays.asList(GroupBy.values()));
        groupings.add(null);
        return groupings;
    }

    private static void assertSame(List<GroupCounts> fromRollup, List<GroupCounts> fromRows, String what) {
        Map<String, GroupCounts> rows = fromRows.stream().collect(Collectors.toMap(GroupCounts::key, Function.identity()));
        assertThat(fromRollup.stream().map(GroupCounts::key).toList()).as(what + ": groups")
                .containsExactlyElementsOf(fromRows.stream().map(GroupCounts::key).toList());
        for (GroupCounts rollup : fromRollup) {
            GroupCounts row = rows.get(rollup.key());
            String group = what + ", group " + rollup.key();
            assertThat(rollup.answers()).as(group).isEqualTo(row.answers());
            assertThat(rollup.promises()).as(group).isEqualTo(row.promises());
            RecoveryFigures.IncidentCounts a = rollup.incidents();
            RecoveryFigures.IncidentCounts b = row.incidents();
            assertThat(List.of(a.incidents(), a.resolved(), a.invited(), a.answered(), a.acknowledged(), a.apologised(),
                    a.acknowledgementDue(), a.acknowledgedInTime(), a.slaBreached(), a.singleOwner(), a.optedOut(),
                    a.undeliverable())).as(group).isEqualTo(List.of(b.incidents(), b.resolved(), b.invited(), b.answered(),
                    b.acknowledged(), b.apologised(), b.acknowledgementDue(), b.acknowledgedInTime(), b.slaBreached(),
                    b.singleOwner(), b.optedOut(), b.undeliverable()));
            assertMedian(a.medianSecondsToAcknowledge(), b.medianSecondsToAcknowledge(), group + ": acknowledge");
            assertMedian(a.medianSecondsToResolve(), b.medianSecondsToResolve(), group + ": resolve");
        }
    }

    private static void assertMedian(Double fromBuckets, Double exact, String what) {
        if (exact == null) {
            assertThat(fromBuckets).as(what).isNull();
        } else {
            assertThat(fromBuckets).as(what).isNotNull();
            assertThat(fromBuckets).as(what).isCloseTo(exact, within(exact * 0.02 + 0.001));
        }
    }

    /** One incident: what intake tells, what resolution tells of its first attempt, and what the customer does. */
    private record Story(UUID id, String customerRef, EventData reported, List<EventData> firstAttempt,
                         Instant resolvedAt, String owner, boolean mailed, boolean undeliverable, Verdict answer,
                         boolean secondAttempt, boolean optsOut, boolean compensated) {
    }

    private Story story(Instant base) {
        UUID id = UUID.randomUUID();
        String customer = "rollup-" + UUID.randomUUID().toString().substring(0, 12);
        Instant reportedAt = base.plus(Duration.ofMinutes(random.nextInt(DAYS * 24 * 60)))
                .plusMillis(random.nextInt(60_000));
        Channel channel = pick(Channel.values());
        String category = pick(new String[]{"delivery", "billing", "product"});
        Severity severity = pick(Severity.values());
        Origin origin = pick(Origin.values());
        UUID disruption = random.nextInt(3) == 0 ? pick(DISRUPTIONS.toArray(new UUID[0])) : null;
        String owner = pick(OWNERS.toArray(new String[0]));
        List<EventData> events = new ArrayList<>();
        events.add(new CaseOpened(id, "system", 1, CaseStatus.OPEN, severity, severity, false, channel, category, customer,
                reportedAt, reportedAt.plus(Duration.ofHours(1 + random.nextInt(8))), reportedAt.plus(Duration.ofDays(2)),
                null, origin, disruption));
        if (random.nextInt(10) < 7) {
            events.add(new CaseAcknowledged(id, owner, 1, CaseStatus.ACKNOWLEDGED,
                    reportedAt.plus(Duration.ofMinutes(random.nextInt(600))), random.nextBoolean(), owner));
        }
        if (random.nextInt(5) == 0) {
            String next = pick(OWNERS.toArray(new String[0]));
            events.add(new CaseOwnerChanged(id, owner, 1, CaseStatus.ACKNOWLEDGED, next, owner, 1));
            owner = next;
        }
        if (random.nextInt(6) == 0) {
            events.add(new CaseSlaBreached(id, "system", 1, CaseStatus.OPEN, SlaClock.ACKNOWLEDGE, reportedAt, owner));
        }
        if (random.nextInt(5) == 0) {
            UUID promise = UUID.randomUUID();
            Instant due = reportedAt.plus(Duration.ofDays(1));
            events.add(new CasePromiseMade(id, owner, 1, CaseStatus.ACKNOWLEDGED, promise, due, reportedAt, owner));
            int end = random.nextInt(3);
            if (end == 0) {
                events.add(new CasePromiseKept(id, owner, 1, CaseStatus.ACKNOWLEDGED, promise, due.minusSeconds(60), due, owner));
            } else if (end == 1) {
                events.add(new CasePromiseBroken(id, "system", 1, CaseStatus.ACKNOWLEDGED, promise, due, due, owner));
            }
        }
        boolean compensated = random.nextInt(10) == 0;
        if (compensated) {
            events.add(new CaseCompensationOffered(id, owner, 1, CaseStatus.ACKNOWLEDGED, UUID.randomUUID(),
                    CompensationKind.REFUND, new BigDecimal("25.00"), "NOK", owner));
        }
        Instant resolvedAt = null;
        if (random.nextInt(10) < 6) {
            resolvedAt = reportedAt.plus(Duration.ofMinutes(60 + random.nextInt(5000))).truncatedTo(ChronoUnit.MILLIS);
            events.add(new CaseResolved(id, owner, 1, CaseStatus.RESOLVED, owner, Outcome.FIXED, pick(Cause.values()),
                    pick(Verdict.values()), resolvedAt, compensated));
        }
        boolean mailed = resolvedAt != null && random.nextInt(10) < 8;
        boolean undeliverable = resolvedAt != null && !mailed && random.nextBoolean();
        Verdict answer = mailed && random.nextInt(10) < 6 ? pick(Verdict.values()) : null;
        EventData reported = new IncidentReported(id, "webshop", null, channel, category, severity, false, null, reportedAt,
                customer, "en", origin, disruption);
        return new Story(id, customer, reported, events, resolvedAt, owner, mailed, undeliverable, answer,
                answer == Verdict.NO && random.nextBoolean(), mailed && random.nextInt(15) == 0, compensated);
    }

    /** The first attempt's invitation sent (or refused for good), answered, and a NO's second attempt answered too. */
    private void surveyAndAnswer(Story story) {
        if (story.resolvedAt() == null) {
            return;
        }
        String token = invite(story, 1);
        if (token == null) {
            return;
        }
        if (story.answer() != null) {
            answer(token, story.answer(), story.compensated());
        }
        if (story.secondAttempt()) {
            Instant reopened = story.resolvedAt().plus(Duration.ofDays(1));
            apply(new CaseReopened(story.id(), "survey-service", 2, CaseStatus.REOPENED, reopened, ReopenedBy.CUSTOMER,
                    reopened.plus(Duration.ofDays(2)), story.owner()));
            String second = pick(OWNERS.toArray(new String[0]));
            apply(new CaseResolved(story.id(), second, 2, CaseStatus.RESOLVED, second, Outcome.FIXED, Cause.COMPANY,
                    Verdict.YES, reopened.plus(Duration.ofHours(3)), story.compensated()));
            String again = invite(story, 2);
            if (again != null) {
                answer(again, pick(Verdict.values()), story.compensated());
            }
        }
        if (story.optsOut()) {
            countInWhatIsMarked();
            optOuts.optOut(token);
        }
    }

    /** Sends the attempt's invitation as the delivery would, without SMTP; null when it ends undeliverable. */
    private String invite(Story story, int attempt) {
        Invitation invitation = QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find(
                "incidentId = ?1 and attempt = ?2", story.id(), attempt).firstResult());
        if (invitation == null) {
            return null; // a win-back case: no survey
        }
        InvitationWork.Claim claim = work.claimToSend(invitation.id).orElseThrow();
        if (story.undeliverable() && attempt == 1) {
            work.failed(claim, UndeliverableReason.SMTP_REFUSED, true);
            return null;
        }
        if (!story.mailed()) {
            return null;
        }
        work.sent(claim, "en");
        return tokens.token(claim.tokenSeed());
    }

    private void answer(String token, Verdict verdict, boolean compensated) {
        countInWhatIsMarked();
        answers.answer(token, new AnswerInput(verdict, 1 + random.nextInt(5),
                random.nextBoolean() ? pick(ComparedToBefore.values()) : null,
                compensated && random.nextBoolean() ? 1 + random.nextInt(5) : null,
                random.nextBoolean() ? 1 + random.nextInt(5) : null,
                random.nextBoolean() ? pick(CustomerCause.values()) : null, null));
    }

    private void apply(EventData event) {
        QuarkusTransaction.requiringNew().run(() -> {
            readModel.apply(event);
            readModel.markTouched(); // as the consumers do at the end of a batch
        });
    }

    /** So that the change that follows reaches the rollup only through its own mark. */
    private void countInWhatIsMarked() {
        QuarkusTransaction.requiringNew().call(() -> rollups.catchUp(Integer.MAX_VALUE, true));
    }

    /** Small catch-ups, as another replica's worker would, while {@code applying} is under way. */
    private void catchUpUntil(CompletableFuture<Void> applying) {
        while (!applying.isDone()) {
            QuarkusTransaction.requiringNew().call(() -> rollups.catchUp(7, false));
        }
    }

    private <T> T pick(T[] values) {
        synchronized (random) {
            return values[random.nextInt(values.length)];
        }
    }
}
