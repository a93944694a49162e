package dev.amends.local;

import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The fault-injection run: the whole local stack on free ports, a steady load of incidents, and
 * while it runs: kill -9 the Kafka broker and restart it, kill -9 each service and restart it,
 * stop PostgreSQL and start it again. Then it checks that every 201 has exactly one incident,
 * exactly one distinct incident.reported event id and one case opened once; that no record went to
 * a dead-letter topic (each would be an effect lost to a fault); that the only 5xx
 * were 503s with Retry-After while the database was down; and that intake's readiness followed
 * the database. {@code --reduced} is the short form the tests run.
 */
public final class FaultInjection {

    private static final List<String> SERVICES = List.of("intake-service", "resolution-service", "survey-service");
    /** How long after PostgreSQL is back a 503 still counts as its outage (pools reconnect). */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    /** How hard: incidents per second, calm time between faults, how long the broker and the database stay down. */
    public record Plan(int perSecond, Duration between, Duration kafkaDown, Duration postgresDown) {
        public static Plan full() {
            return new Plan(40, Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(10));
        }

        public static Plan reduced() {
            return new Plan(10, Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(4));
        }
    }

    /** What the run found. {@link #problems()} is empty when nothing acknowledged was lost or doubled. */
    public record Report(long sent, long acknowledged, long givenUp, long incidentRows, long acknowledgedWithoutRow,
                         long keysWithMoreThanOneRow, long incidentsWithOneEventId, long incidentsWithSeveralEventIds,
                         long incidentsWithoutEvent, long cases, long incidentsWithoutCase, long casesOpenedTwice,
                         long deadLettered, long unavailableWithRetryAfter, long unavailableOutsideOutage, long otherServerErrors,
                         long connectionFailures, boolean readinessFollowedDatabase, Map<String, Duration> restartTimes,
                         List<String> timeline, List<String> problems) {

        public String describe() {
            StringBuilder out = new StringBuilder("\nFault injection\n  what was done:\n");
            timeline.forEach(line -> out.append("    ").append(line).append('\n'));
            out.append(String.format("""
                      load: %d incidents sent, %d acknowledged (201), %d given up after 2 minutes of retries
                      intake: %d rows; 201s without their row: %d; Idempotency-Keys with more than one row: %d
                      incident.reported: %d incidents with exactly one distinct event id, %d with several, %d with none
                      resolution: %d cases; incidents without a case: %d; cases opened more than once: %d
                      records on the dead-letter topics: %d
                      answers while it ran: %d × 503 with Retry-After during the database outage, %d × 503 outside it,
                        %d other 5xx, %d connection failures (services killed; retried with the same key)
                      intake readiness followed the database: %s
                      restart to ready: %s
                    """, sent, acknowledged, givenUp, incidentRows, acknowledgedWithoutRow, keysWithMoreThanOneRow,
                    incidentsWithOneEventId, incidentsWithSeveralEventIds, incidentsWithoutEvent, cases,
                    incidentsWithoutCase, casesOpenedTwice, deadLettered, unavailableWithRetryAfter, unavailableOutsideOutage,
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

    private Report inject(Path repository, Path data, Plan plan) throws Exception {
        LocalStack stack = LocalStack.startOnFreePorts(repository, data);
        try {
            String source = "faults-" + System.currentTimeMillis();
            Readiness readiness = Readiness.watch(stack.url("intake-service"));
            IncidentLoad load = IncidentLoad.start(stack.url("intake-service"), stack.token("reporter"), source, plan.perSecond());
            note("load started: " + plan.perSecond() + " incidents/s");
            Thread.sleep(plan.between().toMillis());

            note("kill -9 the Kafka broker");
            stack.kafka().kill();
            Thread.sleep(plan.kafkaDown().toMillis());
            stack.kafka().restart();
            note("Kafka broker started again");
            Thread.sleep(plan.between().toMillis());

            Map<String, Duration> restartTimes = new LinkedHashMap<>();
            for (String service : SERVICES) {
                note("kill -9 " + service + " (pid " + stack.pid(service) + ")");
                stack.kill(service);
                Duration startup = stack.restart(service);
                restartTimes.put(service, startup);
                note(service + " started again, ready after " + startup.toMillis() + " ms");
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
            readiness.stop();
            note("load stopped; checking");
            return check(stack, source, load, readiness, databaseDown, databaseUp, restartTimes);
        } finally {
            stack.stop();
        }
    }

    private Report check(LocalStack stack, String source, IncidentLoad load, Readiness readiness, Instant databaseDown,
                         Instant databaseUp, Map<String, Duration> restartTimes) throws Exception {
        Map<String, String> acknowledged = load.acknowledged();
        Map<String, List<String>> rowsByKey = new HashMap<>();
        try (Connection intake = connect(stack.jdbcUrl("intake"))) {
            IncidentDeliveryCheck.awaitEmptyOutbox(intake);
            try (PreparedStatement select = intake.prepareStatement("select external_ref, id from incident where source = ?")) {
                select.setString(1, source);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rowsByKey.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
        }
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

        long cases = awaitCases(stack, incidentIds);
        Map<String, Set<String>> opened = IncidentDeliveryCheck.eventIds(stack.kafka().bootstrapServers(), Topics.CASES,
                event -> event.path("type").asText().equals(EventType.CASE_OPENED.type()));
        long openedTwice = incidentIds.stream().filter(id -> opened.getOrDefault(id, Set.of()).size() > 1).count();
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
        boolean readinessFollowed = readiness.wentDownBetween(databaseDown, outageEnd) && readiness.upAfter(databaseUp);

        List<String> problems = new ArrayList<>();
        expectZero(problems, "201s without their incident row", withoutRow);
        expectZero(problems, "Idempotency-Keys with more than one incident", severalRows);
        expectZero(problems, "incidents with more than one distinct incident.reported id", severalEventIds);
        expectZero(problems, "incidents without incident.reported", noEvent);
        expectZero(problems, "incidents without a case", incidentIds.size() - cases);
        expectZero(problems, "cases opened more than once", openedTwice);
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
        if (!readinessFollowed) {
            problems.add("intake's readiness did not follow the database: " + readiness.samples());
        }
        return new Report(load.sent(), acknowledged.size(), load.givenUp(), incidentRows, withoutRow, severalRows,
                oneEventId, severalEventIds, noEvent, cases, incidentIds.size() - cases, openedTwice, deadLettered, during, outside,
                otherServerErrors.size(), connectionFailures, readinessFollowed, restartTimes, List.copyOf(timeline), problems);
    }

    /** Waits (up to two minutes) until resolution-service has a case for every incident; answers how many it has. */
    private static long awaitCases(LocalStack stack, List<String> incidentIds) throws Exception {
        try (Connection resolution = connect(stack.jdbcUrl("resolution"))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            long cases;
            do {
                try (PreparedStatement count = resolution.prepareStatement("select count(*) from support_case where id = any(?)")) {
                    Array ids = resolution.createArrayOf("uuid", incidentIds.stream().map(UUID::fromString).toArray());
                    count.setArray(1, ids);
                    try (ResultSet result = count.executeQuery()) {
                        result.next();
                        cases = result.getLong(1);
                    }
                }
                if (cases < incidentIds.size()) {
                    Thread.sleep(500);
                }
            } while (cases < incidentIds.size() && Instant.now().isBefore(deadline));
            IncidentDeliveryCheck.awaitEmptyOutbox(resolution);
            return cases;
        }
    }

    private static void expectZero(List<String> problems, String what, long count) {
        if (count != 0) {
            problems.add(what + ": " + count);
        }
    }

    private static Connection connect(String jdbcUrl) throws Exception {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    private void note(String what) {
        String line = String.format("%6.1f s  %s", Duration.between(begin, Instant.now()).toMillis() / 1000.0, what);
        timeline.add(line);
        System.out.println("[faults] " + line);
    }

    /** Samples a service's readiness every 200 ms. */
    private static final class Readiness {

        private record Sample(Instant at, int status) {
        }

        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        private final Thread sampler;
        private volatile boolean running = true;

        private Readiness(String url) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
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
