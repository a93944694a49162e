package dev.amends.systemtests;

import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.local.LocalStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.WebhookReceiver;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook benchmark on the local stack (resolution-service alone, its PostgreSQL, broker and
 * Keycloak): how many deliveries per second reach one local receiver when a burst of events
 * arrives, against the receiver's own ceiling (the same posts from eight plain HTTP clients, as
 * many as a subscription's lanes); then the delay from a case.reopened on Kafka to the receiver's
 * 200 (p50/p99) at a steady rate, first with the one subscription, then with a second one whose
 * receiver never answers (each of its tries waits the 10 s timeout).
 * Arguments: burst size (default 10000), steady rate per second (default 50), seconds (default 30).
 */
public final class WebhookBenchmark {

    private static final int LANES = 8;

    private final LocalStack stack;
    private final KafkaProducer<String, String> producer;

    private WebhookBenchmark(LocalStack stack) {
        this.stack = stack;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new StringSerializer());
    }

    public static void main(String[] args) throws Exception {
        int burst = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path data = Files.createTempDirectory("amends-webhooks");
        LocalStack stack = LocalStack.startOnFreePorts(Paths.get("").toAbsolutePath(), data, List.of("resolution-service"),
                1, Map.of());
        try {
            WebhookBenchmark benchmark = new WebhookBenchmark(stack);
            benchmark.throughput(burst);
            benchmark.delays(rate, seconds);
        } finally {
            stack.stop();
            LocalStack.wipe(data);
        }
        System.exit(0);
    }

    private void throughput(int burst) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            String body = reopened(UUID.randomUUID(), UUID.randomUUID());
            double ceiling = plainPosts(receiver.url(), body, burst);
            log(String.format("baseline: %d posts from %d plain HTTP clients to the receiver: %.0f/s", burst, LANES, ceiling));
            receiver.clear();

            String subscription = subscribe(receiver, EventType.CASE_REOPENED.type());
            Instant first = Instant.now();
            for (int i = 0; i < burst; i++) {
                publish(UUID.randomUUID());
            }
            producer.flush();
            log("published " + burst + " case.reopened in " + Duration.between(first, Instant.now()).toMillis() + " ms");
            awaitCount(receiver, burst, Duration.ofMinutes(10));
            Duration took = Duration.between(first, receiver.received().get(burst - 1).at());
            log(String.format("Amends: %d deliveries to one subscription in %.1f s: %.0f/s (%.0f%% of the baseline)",
                    burst, took.toMillis() / 1000.0, burst * 1000.0 / took.toMillis(),
                    100.0 * burst * 1000.0 / took.toMillis() / ceiling));
            unsubscribe(subscription);
        }
    }

    private void delays(int rate, int seconds) throws Exception {
        try (WebhookReceiver healthy = WebhookReceiver.answering(200); WebhookReceiver silent = WebhookReceiver.answering(0)) {
            String subscription = subscribe(healthy, EventType.CASE_REOPENED.type());
            report("one subscription", steady(healthy, rate, seconds));
            healthy.clear();
            String down = subscribe(silent, EventType.CASE_REOPENED.type());
            report("beside a receiver that never answers", steady(healthy, rate, seconds));
            log("the silent receiver got " + silent.received().size() + " tries meanwhile (" + LANES
                    + " lanes, each try waits the 10 s timeout)");
            unsubscribe(down);
            unsubscribe(subscription);
        }
    }

    /** Publishes case.reopened at {@code rate} for {@code seconds}; answers each one's delay to the receiver. */
    private List<Duration> steady(WebhookReceiver receiver, int rate, int seconds) throws Exception {
        Map<String, Instant> published = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            UUID eventId = UUID.randomUUID();
            RecordMetadata sent = publish(eventId).get();
            published.put(eventId.toString(), Instant.ofEpochMilli(sent.timestamp()));
        }
        awaitCount(receiver, total, Duration.ofMinutes(2));
        List<Duration> delays = new ArrayList<>();
        for (WebhookReceiver.Received request : receiver.received()) {
            Instant on = published.get(request.header("webhook-id"));
            if (on != null) {
                delays.add(Duration.between(on, request.at()));
            }
        }
        Collections.sort(delays);
        return delays;
    }

    private static void report(String what, List<Duration> delays) {
        log(String.format("case.reopened on Kafka to the receiver, %s: %d deliveries, p50 %d ms, p99 %d ms, max %d ms", what,
                delays.size(), percentile(delays, 50), percentile(delays, 99), delays.get(delays.size() - 1).toMillis()));
    }

    private static long percentile(List<Duration> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1)).toMillis();
    }

    /** The receiver's ceiling: the same body posted by {@link #LANES} clients, each waiting for its answer. */
    private static double plainPosts(String url, String body, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService clients = Executors.newFixedThreadPool(LANES);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            done.add(clients.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
                return null;
            }));
        }
        for (Future<?> each : done) {
            each.get();
        }
        clients.shutdown();
        return count * 1e9 / (System.nanoTime() - started);
    }

    /** A case.reopened of a case of its own, with this CloudEvent id (the receiver's webhook-id). */
    private Future<RecordMetadata> publish(UUID eventId) {
        UUID incidentId = UUID.randomUUID();
        return producer.send(EventRecords.of(Topics.CASES, incidentId.toString(), reopened(eventId, incidentId)));
    }

    private static String reopened(UUID eventId, UUID incidentId) {
        String now = Instant.now().toString();
        return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/resolution-service\","
                + "\"type\":\"" + EventType.CASE_REOPENED.type() + "\",\"subject\":\"" + incidentId + "\",\"time\":\"" + now
                + "\",\"datacontenttype\":\"application/json\",\"sequence\":\"9\",\"data\":{\"incidentId\":\"" + incidentId
                + "\",\"actor\":\"customer\",\"attempt\":2,\"status\":\"REOPENED\",\"reopenedAt\":\"" + now
                + "\",\"by\":\"CUSTOMER\",\"resolveBy\":\"" + now + "\",\"owner\":\"ola\"}}";
    }

    private String subscribe(WebhookReceiver receiver, String type) throws Exception {
        return admin("POST", "/webhooks", "{\"url\": \"" + receiver.url() + "\", \"eventTypes\": [\"" + type + "\"]}")
                .replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private void unsubscribe(String id) throws Exception {
        admin("DELETE", "/webhooks/" + id, null);
    }

    private String admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url("resolution-service") + path))
                .header("Authorization", "Bearer " + stack.token("admin")).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static void awaitCount(WebhookReceiver receiver, int count, Duration atMost) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        Instant nextNote = Instant.now().plusSeconds(10);
        while (receiver.received().size() < count) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("only " + receiver.received().size() + " of " + count + " delivered");
            }
            if (Instant.now().isAfter(nextNote)) {
                log(receiver.received().size() + " of " + count + " delivered so far");
                nextNote = nextNote.plusSeconds(10);
            }
            Thread.sleep(50);
        }
    }

    private static void log(String line) {
        System.out.println("[webhooks] " + line);
    }
}
