package dev.amends.survey.repository;

import dev.amends.common.events.CaseAcknowledged;
import dev.amends.common.events.CaseOpened;
import dev.amends.common.events.CasePromiseBroken;
import dev.amends.common.events.CasePromiseKept;
import dev.amends.common.events.CasePromiseMade;
import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Verdict;
import dev.amends.survey.repository.RecoveryFigures.GroupBy;
import dev.amends.survey.repository.RecoveryFigures.Interval;
import dev.amends.survey.service.AnswerInput;
import dev.amends.survey.service.InvitationWork;
import dev.amends.survey.service.ReadModel;
import dev.amends.survey.service.SurveyAnswers;
import dev.amends.survey.service.SurveyTokens;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;

/**
 * The report benchmark (deploy/bench/report-benchmark; not part of the test run): builds a data set
 * shaped as contract section 11's reference (over three years, 7 categories, 6 channels, 50
 * owners, 30% answered, 20% with promises) through the read model's own code in batches, as the
 * consumers apply them, and prints:
 * the consumers' rate while working off a backlog with the rollup and without it (the baseline);
 * p50/p95 of GET /reports/recovery for every groupBy over a week, a month, a year and all three
 * years, and of the weekly series over a year, against the row-level query over the same windows
 * in the same run.
 */
@QuarkusTest
@Tag("benchmark")
class ReportBenchmark extends SurveyTest {

    /** About 500 records a batch, as a consumer's poll brings them. */
    private static final int BATCH = 140;
    /** How many batches the consumers apply in the second between two of the rollup worker's catch-ups. */
    private static final int WORKER_BATCHES = 5;
    private static final List<String> CATEGORIES = List.of("delivery", "billing", "product", "returns", "account",
            "installation", "warranty");
    private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.PHONE, Channel.WEB, Channel.CHAT,
            Channel.SOCIAL, Channel.STORE);

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

    private final Random random = new Random(11);

    @Test
    void printsTheFiguresAndTheirBaseline() throws Exception {
        int incidents = Integer.getInteger("amends.bench.incidents", 10_000_000);
        int backlog = Math.min(Integer.getInteger("amends.bench.backlog", 20_000), incidents / 4);
        Instant end = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Instant start = end.minus(Duration.ofDays(3 * 365));
        System.out.printf(Locale.ROOT, "[report] data set: %,d incidents over %s to %s%n", incidents, start, end);

        // Incidents in the order they were reported; the clock follows them, so each resolution is recent
        // enough to be invited. After a warm-up, batches take turns with the rollup and without (the baseline),
        // so both see a warm JVM and the same amount of data; those without are counted in afterwards.
        Timeline timeline = new Timeline(start, end, incidents);
        int warmUp = Math.min(10 * BATCH, incidents / 10);
        apply(timeline, warmUp, false, null);
        List<UUID> unrolled = new ArrayList<>();
        Rates rates = apply(timeline, 2 * backlog, true, unrolled);
        System.out.printf(Locale.ROOT, "[report] backlog: %.0f incidents/s with the rollup, %.0f without (ratio %.2f, target 0.8)%n",
                rates.with(), rates.without(), rates.with() / rates.without());
        QuarkusTransaction.requiringNew().run(() -> rollups.changed(unrolled));
        catchUp();
        long built = System.nanoTime();
        int rest = incidents - warmUp - 2 * backlog;
        apply(timeline, rest, false, null);
        System.out.printf(Locale.ROOT, "[report] built the other %,d in %.0f s%n", rest, (System.nanoTime() - built) / 1e9);
        clock.setTo(end);

        Instant now = clock.instant();
        String analyst = AmendsTestStack.token("ana", "analyst");
        List<String[]> windows = List.of(new String[]{"week", end.minus(Duration.ofDays(7)).toString()},
                new String[]{"month", end.minus(Duration.ofDays(30)).toString()},
                new String[]{"year", end.minus(Duration.ofDays(365)).toString()},
                new String[]{"three years", start.toString()});
        List<GroupBy> groupings = new ArrayList<>(Arrays.asList(GroupBy.values()));
        groupings.add(0, null);
        System.out.println("[report] window, groupBy: GET /reports/recovery p50/p95 | row-level query p50/p95 (ms)");
        for (String[] window : windows) {
            Instant from = Instant.parse(window[1]).plus(Duration.ofHours(5)); // partial first and last days
            Instant to = end.plus(Duration.ofHours(13));
            for (GroupBy groupBy : groupings) {
                double[] report = times(7, () -> given().auth().oauth2(analyst).queryParam("from", from.toString())
                        .queryParam("to", to.toString()).queryParam("groupBy", groupBy == null ? "" : groupBy.parameter())
                        .get("/reports/recovery").then().statusCode(200));
                int baselineRuns = window[0].equals("week") || window[0].equals("month") ? 5 : 2;
                double[] rows = times(baselineRuns, () -> QuarkusTransaction.requiringNew()
                        .call(() -> figures.rowLevel(from, to, groupBy, now)));
                System.out.printf(Locale.ROOT, "[report] %-11s %-10s %7.0f %7.0f | %8.0f %8.0f%n", window[0],
                        groupBy == null ? "none" : groupBy.parameter(), report[0], report[1], rows[0], rows[1]);
            }
        }
        Instant from = end.minus(Duration.ofDays(365));
        double[] series = times(7, () -> given().auth().oauth2(analyst).queryParam("from", from.toString())
                .queryParam("to", end.toString()).queryParam("interval", "week")
                .get("/reports/recovery/series").then().statusCode(200));
        double[] rowSeries = times(2, () -> QuarkusTransaction.requiringNew()
                .call(() -> figures.rowLevelSeries(from, end, Interval.WEEK, null, now)));
        System.out.printf(Locale.ROOT, "[report] series by week over a year: %.0f/%.0f ms | row-level %.0f/%.0f ms%n",
                series[0], series[1], rowSeries[0], rowSeries[1]);
    }

    /** Where the data set's next incident is reported: evenly over the span, in order. */
    private static final class Timeline {
        private final Instant start;
        private final long stepMillis;
        private long next;

        Timeline(Instant start, Instant end, int incidents) {
            this.start = start;
            this.stepMillis = Math.max(1, Duration.between(start, end).toMillis() / incidents);
        }

        Instant next() {
            return start.plusMillis(stepMillis * next++);
        }
    }

    /** Incidents per second while applying a backlog, with the rollup and without it. */
    private record Rates(double with, double without) {
    }

    /**
     * Applies the next {@code count} incidents' events in batches, as a consumer would, with the rollup
     * (or, when {@code takeTurns}, every other batch without it, its incidents added to {@code unrolled}),
     * the rollup's worker counting in what the last {@link #WORKER_BATCHES} batches marked, as it finds
     * them once a second at this rate; answers the rates. Then, not timed, sends and answers the
     * invitations of the answerable ones at the time each batch was applied, and counts the answers in.
     */
    private Rates apply(Timeline timeline, int count, boolean takeTurns, List<UUID> unrolled) {
        double[] seconds = new double[2];
        long[] applied = new long[2];
        Map<Instant, List<UUID>> answerable = new LinkedHashMap<>();
        int marked = 0;
        for (int done = 0, turn = 0; done < count; done += BATCH, turn++) {
            boolean rollup = !takeTurns || turn % 2 == 0;
            int size = Math.min(BATCH, count - done);
            List<Instant> reported = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                reported.add(timeline.next());
            }
            Instant applyingAt = reported.get(size - 1).plus(Duration.ofDays(3));
            clock.setTo(applyingAt);
            List<UUID> batch = new ArrayList<>();
            List<List<EventData>> stories = new ArrayList<>();
            List<UUID> answerableNow = answerable.computeIfAbsent(applyingAt, at -> new ArrayList<>());
            reported.forEach(at -> stories.add(incident(at, answerableNow)));
            stories.forEach(story -> batch.add(((IncidentReported) story.get(0)).incidentId()));
            long began = System.nanoTime();
            // As the two consumers get them: incident.reported on one topic, the case's events on the other.
            inOneTransaction(stories.stream().map(story -> story.get(0)).toList(), rollup);
            inOneTransaction(stories.stream().flatMap(story -> story.subList(1, story.size()).stream()).toList(), rollup);
            if (rollup && (++marked == WORKER_BATCHES || done + BATCH >= count)) {
                catchUp();
                marked = 0;
            }
            seconds[rollup ? 0 : 1] += (System.nanoTime() - began) / 1e9;
            applied[rollup ? 0 : 1] += size;
            if (!rollup) {
                unrolled.addAll(batch);
            }
        }
        Instant latest = clock.instant();
        answerable.forEach((at, incidents) -> {
            clock.setTo(at);
            incidents.forEach(this::answer);
        });
        clock.setTo(latest);
        catchUp();
        return new Rates(applied[0] / seconds[0], applied[1] / seconds[1]);
    }

    private void inOneTransaction(List<EventData> events, boolean rollup) {
        QuarkusTransaction.requiringNew().run(() -> {
            events.forEach(readModel::apply);
            if (rollup) {
                readModel.markTouched();
            } else {
                readModel.discardTouched();
            }
        });
    }

    /** What the rollup's worker does (it is off here, so that all its work is timed): counts in every marked incident. */
    private void catchUp() {
        int claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(() -> rollups.catchUp(1000, false));
        } while (claimed == 1000);
    }

    /** One incident's events; 60% resolved, half of those answered later (30% of all). */
    private List<EventData> incident(Instant reportedAt, List<UUID> answerable) {
        UUID id = UUID.randomUUID();
        String customer = "bench-" + id;
        Channel channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        Severity severity = Severity.values()[random.nextInt(3)];
        String owner = "owner-" + random.nextInt(50);
        List<EventData> events = new ArrayList<>();
        events.add(new IncidentReported(id, "webshop", null, channel, category, severity, false, null, reportedAt, customer,
                "en", Origin.COMPLAINT, null));
        events.add(new CaseOpened(id, "system", 1, CaseStatus.OPEN, severity, severity, false, channel, category, customer,
                reportedAt, reportedAt.plus(Duration.ofHours(4)), reportedAt.plus(Duration.ofDays(2)), null,
                Origin.COMPLAINT, null));
        if (random.nextInt(10) < 8) {
            events.add(new CaseAcknowledged(id, owner, 1, CaseStatus.ACKNOWLEDGED,
                    reportedAt.plus(Duration.ofMinutes(5 + random.nextInt(400))), random.nextBoolean(), owner));
        }
        if (random.nextInt(5) == 0) {
            UUID promise = UUID.randomUUID();
            Instant due = reportedAt.plus(Duration.ofDays(1));
            events.add(new CasePromiseMade(id, owner, 1, CaseStatus.ACKNOWLEDGED, promise, due, reportedAt, owner));
            events.add(random.nextInt(4) == 0
                    ? new CasePromiseBroken(id, "system", 1, CaseStatus.ACKNOWLEDGED, promise, due, due, owner)
                    : new CasePromiseKept(id, owner, 1, CaseStatus.ACKNOWLEDGED, promise, due.minusSeconds(600), due, owner));
        }
        if (random.nextInt(10) < 6) {
            events.add(new CaseResolved(id, owner, 1, CaseStatus.RESOLVED, owner, Outcome.FIXED,
                    Cause.values()[random.nextInt(Cause.values().length)], Verdict.values()[random.nextInt(3)],
                    reportedAt.plus(Duration.ofMinutes(60 + random.nextInt(4000))).truncatedTo(ChronoUnit.MILLIS), false));
            if (random.nextBoolean()) {
                answerable.add(id);
            }
        }
        return events;
    }

    /** The invitation sent as the delivery would (without SMTP) and answered as the customer would. */
    private void answer(UUID incidentId) {
        UUID invitation = QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find(
                "incidentId = ?1 and attempt = 1", incidentId).firstResult().id);
        work.claimToSend(invitation).ifPresent(claim -> {
            work.sent(claim, "en");
            answers.answer(tokens.token(claim.tokenSeed()), new AnswerInput(Verdict.values()[random.nextInt(3)],
                    1 + random.nextInt(5), null, null, 1 + random.nextInt(5), null, null));
        });
    }

    /** p50 and p95 in milliseconds of {@code runs} calls (after one warm-up call). */
    private static double[] times(int runs, Callable<?> call) throws Exception {
        call.call();
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long began = System.nanoTime();
            call.call();
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(millis);
        return new double[]{millis[(runs - 1) / 2], millis[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)]};
    }
}
