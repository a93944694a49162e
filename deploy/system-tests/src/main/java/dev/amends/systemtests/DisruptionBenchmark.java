package dev.amends.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.local.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The disruption benchmark on the local stack (all three services): a disruption's affected list
 * posted in requests of 10,000 NDJSON entries (customers per second, intake's heap before and
 * after; baseline: PostgreSQL inserting the same rows with one unnest statement per 10,000, in the
 * same run), then an outreach run over all of them (until DONE, and until resolution-service has a
 * case for each), then a bulk ACKNOWLEDGE of those cases (cases per second; baseline: the same
 * change through the single endpoint, 16 clients, on the cases of a second disruption).
 * Arguments: customers (default 100000), cases acknowledged one by one for the baseline (default 2000).
 */
public final class DisruptionBenchmark {

    private static final int PER_REQUEST = 10_000;
    private static final int CLIENTS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DisruptionBenchmark(LocalStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int baselineCases = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path repository = Paths.get("").toAbsolutePath();
        Path data = Files.createTempDirectory("amends-disruption-bench");
        LocalStack stack = LocalStack.startOnFreePorts(repository, data, 1, Map.of());
        try {
            new DisruptionBenchmark(stack).run(customers, baselineCases);
        } catch (Exception | Error e) {
            System.out.println("[disruption] the run's data and service logs are kept in " + data);
            throw e;
        } finally {
            stack.stop();
        }
        LocalStack.wipe(data);
    }

    private void run(int customers, int baselineCases) throws Exception {
        StringBuilder out = new StringBuilder(String.format("%nDisruption benchmark (%d cores, %s), %d affected customers%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                customers));
        String disruption = declare("bench-" + UUID.randomUUID().toString().substring(0, 8));

        long heapBefore = heapUsed();
        long started = System.nanoTime();
        for (int from = 0; from < customers; from += PER_REQUEST) {
            JsonNode added = affected(disruption, from, Math.min(customers, from + PER_REQUEST));
            if (added.get("added").asInt() != Math.min(PER_REQUEST, customers - from)) {
                throw new IllegalStateException("intake added " + added + " of entries " + from + "...");
            }
        }
        double listSeconds = seconds(started);
        long heapAfter = heapUsed();
        double ceiling = insertCeiling(customers);
        out.append(String.format("  affected lists, %d requests of %d NDJSON entries: %.0f customers/s (%.1f s); intake's heap %d MB before, %d MB after, RSS %d MB%n",
                (customers + PER_REQUEST - 1) / PER_REQUEST, PER_REQUEST, customers / listSeconds, listSeconds,
                heapBefore >> 20, heapAfter >> 20, rssKb(stack.pid("intake-service")) >> 10));
        out.append(String.format("    baseline: PostgreSQL inserting the same rows, one unnest statement per %d: %.0f rows/s; intake / baseline = %.2f%n",
                PER_REQUEST, ceiling, customers / listSeconds / ceiling));
        log("affected lists done: " + Math.round(customers / listSeconds) + " customers/s");

        started = System.nanoTime();
        String run = location(post(stack.url("intake-service") + "/disruptions/" + disruption + "/outreach", "{}",
                stack.token("agent"), null), 202);
        JsonNode done = await(stack.url("intake-service") + run, "DONE", Duration.ofMinutes(15));
        double outreachSeconds = seconds(started);
        ServiceApi cases = new ServiceApi(stack.url("resolution-service"), stack.token("agent"));
        String outreachCases = "/cases?disruptionId=" + disruption + "&origin=OUTREACH";
        awaitTotal(cases, outreachCases, customers, Duration.ofMinutes(15));
        double casesSeconds = seconds(started);
        out.append(String.format("  outreach over %d silent customers: run DONE after %.1f s (%.0f incidents/s, %d opened); every case opened in resolution-service after %.1f s (%.0f cases/s); target: under 300 s%n",
                customers, outreachSeconds, done.get("opened").asInt() / outreachSeconds, done.get("opened").asInt(), casesSeconds,
                customers / casesSeconds));
        log("outreach done: cases after " + Math.round(casesSeconds) + " s");

        String second = declare("bench-" + UUID.randomUUID().toString().substring(0, 8));
        affected(second, 0, baselineCases);
        await(stack.url("intake-service") + location(post(stack.url("intake-service") + "/disruptions/" + second + "/outreach",
                "{}", stack.token("agent"), null), 202), "DONE", Duration.ofMinutes(5));
        awaitTotal(cases, "/cases?disruptionId=" + second, baselineCases, Duration.ofMinutes(5));
        double oneByOne = acknowledgeOneByOne(second);
        log("single acknowledgements: " + Math.round(oneByOne) + " cases/s");

        started = System.nanoTime();
        String action = location(post(stack.url("resolution-service") + "/case-actions",
                "{\"disruptionId\": \"" + disruption + "\", \"action\": \"ACKNOWLEDGE\", \"apology\": true}",
                stack.token("agent"), UUID.randomUUID().toString()), 202);
        JsonNode acknowledged = await(stack.url("resolution-service") + action, "DONE", Duration.ofMinutes(30));
        double bulkSeconds = seconds(started);
        out.append(String.format("  bulk ACKNOWLEDGE over %d cases: %.0f cases/s (%.1f s; done %d, skipped %d, failed %d); target: 1,000 cases/s%n",
                acknowledged.get("total").asInt(), acknowledged.get("done").asInt() / bulkSeconds, bulkSeconds,
                acknowledged.get("done").asInt(), acknowledged.get("skipped").asInt(), acknowledged.get("failed").asInt()));
        out.append(String.format("    baseline: POST /cases/{id}/acknowledgement one case per request, %d clients, %d cases: %.0f cases/s; bulk / baseline = %.2f%n",
                CLIENTS, baselineCases, oneByOne, acknowledged.get("done").asInt() / bulkSeconds / oneByOne));
        System.out.println(out);
    }

    private String declare(String source) throws Exception {
        return JSON.readTree(check(post(stack.url("intake-service") + "/disruptions", """
                {"source": "%s", "category": "delivery", "severity": "HIGH", "summary": "Batch delayed",
                 "startedAt": "%s"}""".formatted(source, Instant.now().minus(Duration.ofDays(1))), stack.token("reporter"), null),
                201).body()).get("id").asText();
    }

    private JsonNode affected(String disruption, int from, int to) throws Exception {
        String body = IntStream.range(from, to).mapToObj(i -> """
                {"customer": {"id": "C-%d", "name": "Kari Nordmann", "email": "kari.%d@example.no", "locale": "nb-NO"}, "externalRef": "ORD-%d"}"""
                .formatted(i, i, i)).collect(Collectors.joining("\n", "", "\n"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url("intake-service") + "/disruptions/" + disruption + "/affected"))
                .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + stack.token("reporter"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(check(http.send(request, HttpResponse.BodyHandlers.ofString()), 200).body());
    }

    /** Rows per second PostgreSQL inserts into a table like the affected list, one statement per request's worth. */
    private double insertCeiling(int rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("intake"), "postgres", "postgres")) {
            connection.createStatement().execute("create table if not exists bench_affected (like affected_customer including all)");
            long started = System.nanoTime();
            UUID disruption = UUID.randomUUID();
            for (int from = 0; from < rows; from += PER_REQUEST) {
                int to = Math.min(rows, from + PER_REQUEST);
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into bench_affected (disruption_id, customer_id, customer_name, customer_email, customer_locale,
                            customer_ref, external_ref, added_at)
                        select ?, 'C-' || i, 'Kari Nordmann', 'kari.' || i || '@example.no', 'nb-NO', 'k1:' || md5(i::text), 'ORD-' || i, now()
                        from generate_series(?, ?) i on conflict do nothing""")) {
                    insert.setObject(1, disruption);
                    insert.setInt(2, from);
                    insert.setInt(3, to - 1);
                    insert.executeUpdate();
                }
            }
            double seconds = seconds(started);
            connection.createStatement().execute("drop table bench_affected");
            return rows / seconds;
        }
    }

    /** The same acknowledgement through the single endpoint, one case per request, from {@value #CLIENTS} clients. */
    private double acknowledgeOneByOne(String disruption) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ids.size() < 100_000; page++) {
            JsonNode found = JSON.readTree(new ServiceApi(stack.url("resolution-service"), stack.token("agent"))
                    .get("/cases?disruptionId=" + disruption + "&size=500&page=" + page));
            if (found.isEmpty()) {
                break;
            }
            found.forEach(c -> ids.add(c.get("id").asText()));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(() -> {
                for (int at = next.getAndIncrement(); at < ids.size(); at = next.getAndIncrement()) {
                    check(post(stack.url("resolution-service") + "/cases/" + ids.get(at) + "/acknowledgement",
                            "{\"apology\": true}", stack.token("agent"), null), 200);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return ids.size() / seconds(started);
    }

    private HttpResponse<String> post(String url, String body, String token, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode await(String url, String state, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + stack.token("agent")).build();
            JsonNode answer = JSON.readTree(check(http.send(request, HttpResponse.BodyHandlers.ofString()), 200).body());
            if (answer.get("state").asText().equals(state)) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(url + " not " + state + " within " + timeout + ": " + answer);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitTotal(ServiceApi api, String list, long total, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (api.total(list) < total) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(list + " did not reach " + total + " within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** intake's heap in use, from its metrics. */
    private long heapUsed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url("intake-service") + "/q/metrics")).build();
        String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher heap = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)").matcher(metrics);
        double used = 0;
        while (heap.find()) {
            used += Double.parseDouble(heap.group(1));
        }
        return (long) used;
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static HttpResponse<String> check(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().uri() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private static String location(HttpResponse<String> answer, int status) {
        return check(answer, status).headers().firstValue("Location").orElseThrow();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void log(String message) {
        System.out.println("[disruption] " + message);
    }
}
