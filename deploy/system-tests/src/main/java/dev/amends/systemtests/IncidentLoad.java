package dev.amends.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A steady open load of {@code POST /incidents}, as a careful client sends it: every incident with
 * its own Idempotency-Key, retried with the same key after a 503 (waiting its Retry-After), a
 * connection failure or a timeout, until it is acknowledged. Records every acknowledgement and
 * every answer that is not a 201. Given several intake replicas it spreads the incidents over them
 * and sends each retry to the next replica, as a load balancer in front of them would.
 */
public final class IncidentLoad implements AutoCloseable {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An answer other than 201: when, what status (0: no answer), whether it said Retry-After. */
    public record Refusal(Instant at, int status, boolean retryAfter) {
    }

    /** An acknowledged incident: its Idempotency-Key (also its customer id) and the incident id. */
    public record Acknowledgement(String key, String incidentId) {
    }

    private final List<String> urls;
    private final String token;
    private final String source;
    private final Consumer<Acknowledgement> onAcknowledged;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    // Daemon threads: a run that fails half-way still lets its JVM exit.
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(IncidentLoad::daemon);
    private final ExecutorService clients = Executors.newFixedThreadPool(16, IncidentLoad::daemon);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong given = new AtomicLong();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    private IncidentLoad(List<String> urls, String token, String source, Consumer<Acknowledgement> onAcknowledged) {
        this.urls = List.copyOf(urls);
        this.token = token;
        this.source = source;
        this.onAcknowledged = onAcknowledged;
    }

    /** Starts sending {@code perSecond} new incidents a second from {@code source} to intake at {@code url}. */
    public static IncidentLoad start(String url, String token, String source, int perSecond) {
        return start(List.of(url), token, source, perSecond, acknowledgement -> { });
    }

    /**
     * As {@link #start(String, String, String, int)}, spread over the intake replicas at
     * {@code urls}; {@code onAcknowledged} hears of every 201 (on the load's own threads).
     */
    public static IncidentLoad start(List<String> urls, String token, String source, int perSecond,
                                     Consumer<Acknowledgement> onAcknowledged) {
        IncidentLoad load = new IncidentLoad(urls, token, source, onAcknowledged);
        load.clock.scheduleAtFixedRate(() -> {
            long scheduled = System.nanoTime();
            load.clients.execute(() -> load.reportOne(scheduled));
        }, 0,
                1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    /** Reports one incident; {@code scheduled} is when it was due, so waiting for a free client counts as latency. */
    private void reportOne(long scheduled) {
        long number = sequence.incrementAndGet();
        String key = source + "-" + number;
        String body = "{\"source\":\"" + source + "\",\"externalRef\":\"" + key + "\",\"channel\":\"WEB\","
                + "\"severity\":\"MEDIUM\",\"summary\":\"Fault-injection incident\","
                + "\"customer\":{\"id\":\"" + key + "\",\"email\":\"" + email(key) + "\",\"locale\":\"nb-NO\"}}";
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        for (long attempt = number; Instant.now().isBefore(giveUp); attempt++) {
            long wait = 250;
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get((int) (attempt % urls.size())) + "/incidents"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    String incidentId = MAPPER.readTree(response.body()).get("id").asText();
                    acknowledged.put(key, incidentId);
                    latencies.add(System.nanoTime() - scheduled);
                    onAcknowledged.accept(new Acknowledgement(key, incidentId));
                    return;
                }
                boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
                refusals.add(new Refusal(Instant.now(), response.statusCode(), retryAfter));
                if (response.statusCode() < 500) {
                    return;
                }
                wait = retryAfter ? 1000L * Long.parseLong(response.headers().firstValue("Retry-After").get()) : wait;
            } catch (IOException e) {
                refusals.add(new Refusal(Instant.now(), 0, false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        given.incrementAndGet();
    }

    /** The customer's address of the incident with this Idempotency-Key: one mailbox per incident. */
    public static String email(String key) {
        return key + "@faults.example.org";
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "incident-load");
        thread.setDaemon(true);
        return thread;
    }

    /** Stops sending new incidents and waits until every one sent is acknowledged or given up. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        clients.shutdown();
        if (!clients.awaitTermination(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
    }

    public long sent() {
        return sequence.get();
    }

    /** Idempotency-Key → incident id of every 201. */
    public Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Nanoseconds from when each acknowledged incident was due to its 201, sorted. */
    public long[] latencies() {
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Incidents never acknowledged within two minutes of retries. */
    public long givenUp() {
        return given.get();
    }
}
