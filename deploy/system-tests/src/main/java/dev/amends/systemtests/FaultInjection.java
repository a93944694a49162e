package dev.amends.systemtests;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.amends.common.events.EventType;
import dev.amends.common.events.SlaClock;
import dev.amends.common.events.Topics;
import dev.amends.local.LocalStack;
import dev.amends.local.servers.LocalPostgres;
import dev.amends.local.servers.Ports;
import dev.amends.testing.TopicReader;
import dev.amends.testing.WebhookReceiver;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fault-injection run: the whole local stack on free ports with two replicas of every service
 * (same databases, same consumer groups), a steady load of incidents spread over both intake
 * replicas, an agent working some of the cases ({@link CaseWork}), survey mail going to a real
 * SMTP server, and while it runs: kill -9 the Kafka broker and restart it, kill -9 one replica of
 * each service and restart it, stop PostgreSQL and start it again. Then it checks that every 201
 * has exactly one incident, exactly one distinct incident.reported event id and one case opened
 * once; that no SLA warning or breach, promise at risk or broken, invitation or mail came twice
 * and none expected is missing; that the consumer groups rebalanced; that no record went to a
 * dead-letter topic (each would be an effect lost to a fault); that the only 5xx were 503s with
 * Retry-After while the database was down; and that both intake replicas' readiness followed the
 * database, each answer within a second. {@code --reduced} is the short form the tests run.
 */
public final class FaultInjection {

    private static final List<String> SERVICES = List.of("intake-service", "resolution-service", "survey-service");
    private static final int REPLICAS = 2;
    /** Clocks short enough to run out during the run (MEDIUM incidents), checked every second. */
    private static final Duration ACKNOWLEDGE_WITHIN = Duration.ofSeconds(20);
    private static final Duration RESOLVE_WITHIN = Duration.ofSeconds(40);
    /**
     * How long after the last incident everything scheduled should have happened: the survey mail
     * held back by the outages drains at what two busy cores allow.
     */
    private static final Duration SETTLE = Duration.ofMinutes(5);
    /** After the last expected event: time for a doubled one to show. */
    private static final Duration DOUBLES_WOULD_SHOW = Duration.ofSeconds(5);
    /** How long after PostgreSQL is back a 503 still counts as its outage (pools reconnect). */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    /** How hard: incidents per second, calm time between faults, how long the broker and the database stay down. */
    public record Plan(int perSecond, Duration between, Duration kafkaDown, Duration postgresDown) {
        /**
         * 10/s, with longer outages and calm than the reduced form: six service JVMs, the broker and
         * PostgreSQL share two cores. At 20/s the cores of some machines were saturated (load average
         * 30) and a restarted replica took more than 3 minutes to be ready; at 40/s on any.
         */
        public static Plan full() {
            return new Plan(10, Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(10));
        }

        public static Plan reduced() {
            return new Plan(10, Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(4));
        }
    }

    /**
     * The scheduled work of the run: how many SLA clocks warned and breached, promises went at
     * risk and broke, invitations went out and mails arrived at the SMTP server; how many of those
     * came twice; how many the run expected and did not see.
     */
    public record ScheduledWork(long slaWarnings, long slaBreaches, long promisesAtRisk, long promisesBroken,
                                long invitations, long mails, long eventsTwice, long mailsTwice, long expectedEventsMissing,
                                long expectedMailsMissing, long unexpectedMails, long casesResolvedByTheAgent,
                                long casesWithAPromise, long agentGaveUp) {
    }

    /** The case.opened events of the run's incidents, and how the webhook subscribed to them delivered them. */
    public record WebhookTally(long expected, long missing, long moreThanOnce) {
    }

    /** What the run found. {@link #problems()} is empty when nothing acknowledged was lost or doubled. */
    public record Report(long sent, long acknowledged, long givenUp, long incidentRows, long acknowledgedWithoutRow,
                         long keysWithMoreThanOneRow, long incidentsWithOneEventId, long incidentsWithSeveralEventIds,
                         long incidentsWithoutEvent, long cases, long incidentsWithoutCase, long casesOpenedTwice,
                         ScheduledWork scheduled, WebhookTally webhooks, Map<String, ConsumerGroups.Group> groupsBefore,
                         Map<String, ConsumerGroups.Group> groupsAfter, boolean groupsRebalanced,
                         long deadLettered, long unavailableWithRetryAfter, long unavailableOutsideOutage, long otherServerErrors,
                         long connectionFailures, boolean readinessFollowedDatabase, Map<String, Duration> restartTimes,
                         List<String> timeline, List<String> problems) {

        public String describe() {
            StringBuilder out = new StringBuilder("\nFault injection (" + REPLICAS + " replicas of every service)\n"
                    + "  what was done:\n");
            timeline.forEach(line -> out.append("    ").append(line).append('\n'));
            out.append(String.format("""
                      load: %d incidents sent, %d acknowledged (201), %d given up after 2 minutes of retries
                      intake: %d rows; 201s without their row: %d; Idempotency-Keys with more than one row: %d
                      incident.reported: %d incidents with exactly one distinct event id, %d with several, %d with none
                      resolution: %d cases; incidents without a case: %d; cases opened more than once: %d
                      agent: %d cases acknowledged and resolved, %d given a promise nobody keeps, %d given up
                      webhooks: %d case.opened events, %d delivered to the owners' tool, %d of them more than once
                        (at least once: a try in flight when its replica died comes again), %d missing
                      scheduled work: %d SLA warnings, %d SLA breaches (a check after the deadline sends no warning),
                        %d promises at risk, %d broken, %d invitations; %d mails at the SMTP server;
                        %d events and %d mails that came twice; %d expected events and %d expected mails missing;
                        %d mails nobody expected
                      consumer groups before the faults: %s
                      consumer groups after: %s (rebalanced: %s)
                      records on the dead-letter topics: %d
                      answers while it ran: %d × 503 with Retry-After during the database outage, %d × 503 outside it,
                        %d other 5xx, %d connection failures (replicas killed; retried with the same key)
                      intake readiness followed the database on both replicas, each answer within 1 s: %s
                      restart to ready: %s
                    """, sent, acknowledged, givenUp, incidentRows, acknowledgedWithoutRow, keysWithMoreThanOneRow,
                    incidentsWithOneEventId, incidentsWithSeveralEventIds, incidentsWithoutEvent, cases,
                    incidentsWithoutCase, casesOpenedTwice, scheduled.casesResolvedByTheAgent(), scheduled.casesWithAPromise(),
                    scheduled.agentGaveUp(), webhooks.expected(), webhooks.expected() - webhooks.missing(),
                    webhooks.moreThanOnce(), webhooks.missing(), scheduled.slaWarnings(), scheduled.slaBreaches(),
                    scheduled.promisesAtRisk(),
                    scheduled.promisesBroken(), scheduled.invitations(), scheduled.mails(), scheduled.eventsTwice(),
                    scheduled.mailsTwice(), scheduled.expectedEventsMissing(), scheduled.expectedMailsMissing(),
                    scheduled.unexpectedMails(), groupsBefore, groupsAfter, groupsRebalanced ? "yes" : "NO",
                    deadLettered, unavailableWithRetryAfter, unavailableOutsideOutage,
                    otherServerErrors, connectionFailures, readinessFollowedDatabase ? "yes" : "NO",
                    restartTimes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList()));
            out.append(problems.isEmpty() ? "  RESULT: nothing acknowledged was lost or duplicated\n"
                    : "  RESULT: FAILED\n" + String.join("\n", problems.stream().map(p -> "    " + p).toList()) + "\n");
            return out.toString();
        }
    }

    private final List<String> timeline = new ArrayList<>();
    private final Instant begin = Instant.now();

    private FaultInjection() {
    }

    public static void main(String[] args) throws Exception {
        Plan plan = List.of(args).contains("--reduced") ? Plan.reduced() : Plan.full();
        Path data = Files.createTempDirectory("amends-faults");
        Report report = run(Paths.get("").toAbsolutePath(), data, plan);
        System.out.println(report.describe());
        if (report.problems().isEmpty()) {
            LocalStack.wipe(data);
        } else {
            System.out.println("  the run's data and service logs are kept in " + data);
        }
        System.exit(report.problems().isEmpty() ? 0 : 1);
    }

    public static Report run(Path repository, Path data, Plan plan) throws Exception {
        return new FaultInjection().inject(repository, data, plan);
    }

    /** What the services are told for the run: short clocks, timers every second, mail to the SMTP server. */
    private static Map<String, String> settings(int smtpPort) {
        return Map.ofEntries(
                Map.entry("AMENDS_RESOLUTION_SLA_ACKNOWLEDGE_MEDIUM", ACKNOWLEDGE_WITHIN.toString()),
                Map.entry("AMENDS_RESOLUTION_SLA_RESOLVE_MEDIUM", RESOLVE_WITHIN.toString()),
                Map.entry("AMENDS_RESOLUTION_TIMERS_EVERY", "1s"),
                Map.entry("AMENDS_SURVEY_TIMERS_EVERY", "1s"),
                Map.entry("AMENDS_SURVEY_INVITATION_DELAY", "PT2S"),
                Map.entry("AMENDS_SURVEY_MAIL_DELIVERY", "smtp"),
                Map.entry("AMENDS_SURVEY_MAIL_FIRST_RETRY_AFTER", "PT2S"),
                Map.entry("AMENDS_SURVEY_MAIL_LONGEST_RETRY_PAUSE", "PT5S"),
                Map.entry("AMENDS_SURVEY_MAIL_SEND_LEASE", "PT30S"),
                Map.entry("QUARKUS_MAILER_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_MAILER_PORT", Integer.toString(smtpPort)),
                Map.entry("QUARKUS_MAILER_START_TLS", "DISABLED"));
    }

    private Report inject(Path repository, Path data, Plan plan) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        WebhookReceiver ownersTool = WebhookReceiver.answering(200);
        LocalStack stack = null;
        try {
            stack = LocalStack.startOnFreePorts(repository, data, REPLICAS, settings(smtp.getSmtp().getPort()));
            String source = "faults-" + System.currentTimeMillis();
            Map<String, ConsumerGroups.Group> groupsBefore = ConsumerGroups.awaitStable(stack.kafka().bootstrapServers(),
                    Duration.ofSeconds(60));
            List<String> intakes = urls(stack, "intake-service");
            Map<String, Readiness> readiness = new LinkedHashMap<>();
            for (String intake : stack.replicas("intake-service")) {
                readiness.put(intake, Readiness.watch(stack.url(intake)));
            }
            CaseWork agent = CaseWork.on(urls(stack, "resolution-service"), stack.token("agent"));
            subscribeToCasesOpened(stack, ownersTool);
            IncidentLoad load = IncidentLoad.start(intakes, stack.token("reporter"), source, plan.perSecond(), agent::take);
            note("load started: " + plan.perSecond() + " incidents/s over " + intakes.size() + " intake replicas");
            Thread.sleep(plan.between().toMillis());

            note("kill -9 the Kafka broker");
            stack.kafka().kill();
            Thread.sleep(plan.kafkaDown().toMillis());
            stack.kafka().restart();
            note("Kafka broker started again");
            Thread.sleep(plan.between().toMillis());

            Map<String, Duration> restartTimes = new LinkedHashMap<>();
            for (int i = 0; i < SERVICES.size(); i++) {
                // Not always the first replica: whichever holds the relay lock or a timer's rows, it must not matter.
                List<String> replicas = stack.replicas(SERVICES.get(i));
                String victim = replicas.get(i % replicas.size());
                note("kill -9 " + victim + " (pid " + stack.pid(victim) + ")");
                stack.kill(victim);
                Duration startup = stack.restart(victim);
                restartTimes.put(victim, startup);
                note(victim + " started again, ready after " + startup.toMillis() + " ms");
                Thread.sleep(plan.between().toMillis());
            }

            note("stop PostgreSQL (fast shutdown)");
            Instant databaseDown = Instant.now();
            LocalPostgres.stopFast(stack.postgresData());
            Thread.sleep(plan.postgresDown().toMillis());
            LocalPostgres.startAgain(stack.postgresData());
            Instant databaseUp = Instant.now();
            note("PostgreSQL started again");
            Thread.sleep(plan.between().toMillis());

            load.close();
            agent.close();
            for (Readiness each : readiness.values()) {
                each.stop();
            }
            note("load stopped; checking");
            return check(stack, smtp, ownersTool, source, load, agent, readiness, groupsBefore, databaseDown, databaseUp,
                    restartTimes);
        } finally {
            if (stack != null) {
                stack.stop();
            }
            smtp.stop();
            ownersTool.close();
        }
    }

    /** A webhook receiving every case.opened: with two replicas and the kills, each must still arrive. */
    private static void subscribeToCasesOpened(LocalStack stack, WebhookReceiver receiver) throws Exception {
        HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.url(stack.replicas("resolution-service").get(0)) + "/webhooks"))
                .header("Authorization", "Bearer " + stack.token("admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + receiver.url() + "\", \"eventTypes\": [\""
                        + EventType.CASE_OPENED.type() + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        if (made.statusCode() != 201) {
            throw new IllegalStateException("webhook not subscribed: " + made.statusCode() + " " + made.body());
        }
    }

    /** Waits (up to two minutes, longer than a dead replica's leases) until the receiver has every event. */
    private static WebhookTally awaitWebhooks(WebhookReceiver receiver, Set<String> eventIds) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!eventIds.stream().allMatch(id -> !receiver.receivedOf(id).isEmpty()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
        }
        return new WebhookTally(eventIds.size(), eventIds.stream().filter(id -> receiver.receivedOf(id).isEmpty()).count(),
                eventIds.stream().filter(id -> receiver.receivedOf(id).size() > 1).count());
    }

    private static List<String> urls(LocalStack stack, String module) {
        return stack.replicas(module).stream().map(stack::url).toList();
    }

    private Report check(LocalStack stack, GreenMail smtp, WebhookReceiver ownersTool, String source, IncidentLoad load,
                         CaseWork agent,
                         Map<String, Readiness> readiness, Map<String, ConsumerGroups.Group> groupsBefore,
                         Instant databaseDown, Instant databaseUp, Map<String, Duration> restartTimes) throws Exception {
        Map<String, String> acknowledged = load.acknowledged();
        OutboxDrain.await(stack.url("intake-service"), Duration.ofMinutes(3));
        Map<String, List<String>> rowsByKey = new IntakeApi(stack.url("intake-service"), stack.token("agent"))
                .incidentsOf(source);
        long incidentRows = rowsByKey.values().stream().mapToLong(List::size).sum();
        long withoutRow = acknowledged.entrySet().stream()
                .filter(ack -> !rowsByKey.getOrDefault(ack.getKey(), List.of()).contains(ack.getValue())).count();
        long severalRows = rowsByKey.values().stream().filter(ids -> ids.size() > 1).count();

        Map<String, Set<String>> reported = IncidentDeliveryCheck.eventIds(stack.kafka().bootstrapServers(), Topics.INCIDENTS,
                event -> source.equals(event.path("data").path("source").asText()));
        List<String> incidentIds = rowsByKey.values().stream().flatMap(List::stream).toList();
        long oneEventId = incidentIds.stream().filter(id -> reported.getOrDefault(id, Set.of()).size() == 1).count();
        long severalEventIds = incidentIds.stream().filter(id -> reported.getOrDefault(id, Set.of()).size() > 1).count();
        long noEvent = incidentIds.stream().filter(id -> !reported.containsKey(id)).count();

        Map<String, Set<String>> opened = awaitCasesOpened(stack, incidentIds);
        long cases = incidentIds.stream().filter(opened::containsKey).count();
        long openedTwice = incidentIds.stream().filter(id -> opened.getOrDefault(id, Set.of()).size() > 1).count();
        WebhookTally webhooks = awaitWebhooks(ownersTool, incidentIds.stream()
                .flatMap(id -> opened.getOrDefault(id, Set.of()).stream()).collect(Collectors.toSet()));
        ScheduledWork scheduled = awaitScheduledWork(stack, smtp, acknowledged, agent);
        Map<String, ConsumerGroups.Group> groupsAfter = ConsumerGroups.awaitRebalanced(stack.kafka().bootstrapServers(),
                groupsBefore, Duration.ofSeconds(90));
        boolean rebalanced = ConsumerGroups.rebalanced(groupsBefore, groupsAfter);
        // Every event of the run is well formed: a record dead-lettered here lost its effect to a fault.
        long deadLettered = Topics.DEAD_LETTERS.stream()
                .mapToLong(topic -> TopicReader.endOffsets(stack.kafka().bootstrapServers(), topic)).sum();

        Instant outageEnd = databaseUp.plus(RECOVERY);
        long during = 0;
        long outside = 0;
        List<String> otherServerErrors = new ArrayList<>();
        long connectionFailures = 0;
        for (IncidentLoad.Refusal refusal : load.refusals()) {
            if (refusal.status() == 0) {
                connectionFailures++;
            } else if (refusal.status() == 503 && refusal.retryAfter()) {
                if (refusal.at().isBefore(databaseDown) || refusal.at().isAfter(outageEnd)) {
                    outside++;
                } else {
                    during++;
                }
            } else if (refusal.status() >= 500) {
                otherServerErrors.add(String.format("%d at %.1f s", refusal.status(),
                        Duration.between(begin, refusal.at()).toMillis() / 1000.0));
            }
        }
        List<String> readinessProblems = new ArrayList<>();
        readiness.forEach((replica, samples) -> {
            if (!samples.wentDownBetween(databaseDown, outageEnd) || !samples.upAfter(databaseUp)
                    || !samples.answeredEveryProbeBetween(databaseDown, outageEnd)) {
                readinessProblems.add(replica + ": " + samples.samples());
            }
        });

        List<String> problems = new ArrayList<>();
        expectZero(problems, "201s without their incident row", withoutRow);
        expectZero(problems, "Idempotency-Keys with more than one incident", severalRows);
        expectZero(problems, "incidents with more than one distinct incident.reported id", severalEventIds);
        expectZero(problems, "incidents without incident.reported", noEvent);
        expectZero(problems, "incidents without a case", incidentIds.size() - cases);
        expectZero(problems, "cases opened more than once", openedTwice);
        expectZero(problems, "case.opened events the webhook never delivered", webhooks.missing());
        expectZero(problems, "scheduled events that came twice", scheduled.eventsTwice());
        expectZero(problems, "survey mails that came twice", scheduled.mailsTwice());
        expectZero(problems, "expected scheduled events missing", scheduled.expectedEventsMissing());
        expectZero(problems, "expected survey mails missing", scheduled.expectedMailsMissing());
        expectZero(problems, "survey mails nobody expected", scheduled.unexpectedMails());
        expectZero(problems, "cases the agent gave up on", scheduled.agentGaveUp());
        if (!rebalanced) {
            problems.add("consumer groups did not rebalance: before " + groupsBefore + ", after " + groupsAfter);
        }
        expectZero(problems, "records on the dead-letter topics", deadLettered);
        expectZero(problems, "503s outside the database outage", outside);
        if (!otherServerErrors.isEmpty()) {
            // When they came, set against the timeline, says which fault caused them.
            problems.add("5xx other than 503 with Retry-After: " + otherServerErrors.size() + " ("
                    + String.join(", ", otherServerErrors) + ")");
        }
        expectZero(problems, "incidents given up", load.givenUp());
        if (acknowledged.isEmpty()) {
            problems.add("no incident was acknowledged at all");
        }
        if (!readinessProblems.isEmpty()) {
            problems.add("intake's readiness did not follow the database: " + readinessProblems);
        }
        return new Report(load.sent(), acknowledged.size(), load.givenUp(), incidentRows, withoutRow, severalRows,
                oneEventId, severalEventIds, noEvent, cases, incidentIds.size() - cases, openedTwice, scheduled, webhooks,
                groupsBefore, groupsAfter, rebalanced, deadLettered, during, outside, otherServerErrors.size(),
                connectionFailures, readinessProblems.isEmpty(), restartTimes, List.copyOf(timeline), problems);
    }

    /**
     * Waits until everything the run scheduled has happened (or {@link #SETTLE} has passed), then a
     * little longer for doubles to show, and counts it: the cases nobody touched breached both
     * clocks, the promises nobody kept broke, every resolved case's customer was invited and got
     * one mail. A warning or an at-risk is not expected: a check that first finds the row after its
     * deadline (the replica was down, the database away) sends the breach alone.
     */
    private static ScheduledWork awaitScheduledWork(LocalStack stack, GreenMail smtp, Map<String, String> acknowledged,
                                                    CaseWork agent) throws Exception {
        Set<String> resolved = agent.resolved();
        Set<String> promised = agent.promised();
        Map<String, String> untouched = new HashMap<>(acknowledged);
        untouched.keySet().removeAll(agent.taken());
        try (ScheduledWorkTally tally = new ScheduledWorkTally(stack.kafka().bootstrapServers(),
                Set.copyOf(acknowledged.values()))) {
            Instant deadline = Instant.now().plus(SETTLE);
            long missingEvents;
            long missingMails;
            Map<String, Long> mails;
            do {
                Thread.sleep(1000);
                tally.catchUp();
                mails = mailsByRecipient(smtp);
                missingEvents = untouched.values().stream().filter(id -> !everyClockRanOut(tally, id)).count()
                        + promised.stream().map(acknowledged::get).filter(id -> !tally.has(EventType.CASE_PROMISE_BROKEN, id)).count()
                        + resolved.stream().map(acknowledged::get).filter(id -> !tally.has(EventType.SURVEY_INVITED, id)).count();
                Map<String, Long> received = mails;
                missingMails = resolved.stream().filter(key -> !received.containsKey(IncidentLoad.email(key))).count();
            } while ((missingEvents > 0 || missingMails > 0) && Instant.now().isBefore(deadline));
            Thread.sleep(DOUBLES_WOULD_SHOW.toMillis());
            tally.catchUp();
            mails = mailsByRecipient(smtp);
            Set<String> expectedRecipients = new HashSet<>();
            resolved.forEach(key -> expectedRecipients.add(IncidentLoad.email(key)));
            long unexpected = mails.keySet().stream().filter(recipient -> !expectedRecipients.contains(recipient)).count();
            long eventsTwice = Stream.of(EventType.CASE_SLA_WARNING, EventType.CASE_SLA_BREACHED, EventType.CASE_PROMISE_AT_RISK,
                    EventType.CASE_PROMISE_BROKEN, EventType.SURVEY_INVITED).mapToLong(tally::doubled).sum();
            return new ScheduledWork(tally.count(EventType.CASE_SLA_WARNING), tally.count(EventType.CASE_SLA_BREACHED),
                    tally.count(EventType.CASE_PROMISE_AT_RISK), tally.count(EventType.CASE_PROMISE_BROKEN),
                    tally.count(EventType.SURVEY_INVITED), mails.values().stream().mapToLong(Long::longValue).sum(),
                    eventsTwice, mails.values().stream().filter(count -> count > 1).count(), missingEvents, missingMails,
                    unexpected, resolved.size(), promised.size(), agent.givenUp());
        }
    }

    /** Both clocks breached; a warning is expected only when it came before the deadline, so it is not counted on. */
    private static boolean everyClockRanOut(ScheduledWorkTally tally, String incident) {
        return Stream.of(SlaClock.ACKNOWLEDGE, SlaClock.RESOLVE)
                .allMatch(clock -> tally.has(EventType.CASE_SLA_BREACHED, incident, clock));
    }

    /** Recipient → how many mails the SMTP server received for them. */
    private static Map<String, Long> mailsByRecipient(GreenMail smtp) throws Exception {
        Map<String, Long> mails = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (Address recipient : message.getAllRecipients()) {
                mails.merge(((InternetAddress) recipient).getAddress(), 1L, Long::sum);
            }
        }
        return mails;
    }

    /**
     * Waits (up to two minutes) until resolution-service has published case.opened for every
     * incident, then until its outbox has drained; answers each incident's case.opened event ids.
     */
    private static Map<String, Set<String>> awaitCasesOpened(LocalStack stack, List<String> incidentIds) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            Map<String, Set<String>> opened = IncidentDeliveryCheck.eventIds(stack.kafka().bootstrapServers(), Topics.CASES,
                    event -> EventType.CASE_OPENED.type().equals(event.path("type").asText()));
            if (opened.keySet().containsAll(incidentIds) || Instant.now().isAfter(deadline)) {
                OutboxDrain.await(stack.url("resolution-service"), Duration.ofMinutes(3));
                return IncidentDeliveryCheck.eventIds(stack.kafka().bootstrapServers(), Topics.CASES,
                        event -> EventType.CASE_OPENED.type().equals(event.path("type").asText()));
            }
            Thread.sleep(1000);
        }
    }

    private static void expectZero(List<String> problems, String what, long count) {
        if (count != 0) {
            problems.add(what + ": " + count);
        }
    }

    private void note(String what) {
        String line = String.format("%6.1f s  %s", Duration.between(begin, Instant.now()).toMillis() / 1000.0, what);
        timeline.add(line);
        System.out.println("[faults] " + line);
    }

    /** Samples a replica's readiness every 200 ms; a probe not answered within 1 s (Kubernetes' default) counts as 0. */
    private static final class Readiness {

        private record Sample(Instant at, int status) {
        }

        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final Thread sampler;
        private volatile boolean running = true;

        private Readiness(String url) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(1)).build();
            sampler = new Thread(() -> {
                while (running) {
                    int status;
                    try {
                        status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = 0;
                    }
                    samples.add(new Sample(Instant.now(), status));
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "readiness");
            sampler.setDaemon(true);
            sampler.start();
        }

        static Readiness watch(String url) {
            return new Readiness(url);
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        /** Answered 503 (not ready, yet running) at some moment between the two instants. */
        boolean wentDownBetween(Instant from, Instant to) {
            return samples.stream().anyMatch(s -> s.status() == 503 && !s.at().isBefore(from) && !s.at().isAfter(to));
        }

        /** Every probe between the two instants was answered in time (200 or 503, no timeout). */
        boolean answeredEveryProbeBetween(Instant from, Instant to) {
            return samples.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to)).allMatch(s -> s.status() != 0);
        }

        /** Ready again after the instant, and ready at the last sample. */
        boolean upAfter(Instant instant) {
            List<Sample> after = samples.stream().filter(s -> s.at().isAfter(instant)).toList();
            return !after.isEmpty() && after.stream().anyMatch(s -> s.status() == 200)
                    && after.get(after.size() - 1).status() == 200;
        }

        String samples() {
            StringBuilder changes = new StringBuilder();
            int last = -1;
            for (Sample sample : samples) {
                if (sample.status() != last) {
                    changes.append(sample.at()).append('=').append(sample.status()).append(' ');
                    last = sample.status();
                }
            }
            return changes.toString();
        }
    }
}
