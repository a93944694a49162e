package dev.amends.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An agent working cases while the faults happen, so that every kind of scheduled work has
 * something to do: of every four incidents one is acknowledged and resolved (its customer gets a
 * survey mail), one gets a promise due {@link #PROMISE_DUE} later that nobody keeps (at risk, then
 * broken), and two are left alone (their SLA clocks warn and breach). Each step carries its own
 * Idempotency-Key and is retried with it, on the next resolution replica, until it is answered 2xx
 * (first it waits for the case to open: a GET answered 200).
 */
public final class CaseWork implements AutoCloseable {

    /** Longer than the database outage: a promise retried after its due time would be refused (400). */
    static final Duration PROMISE_DUE = Duration.ofSeconds(30);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** One request of the work on a case; its body is made when it is first tried (a promise's due time). */
    private record Step(String method, String path, Supplier<String> body) {
    }

    private final List<String> urls;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService agents = Executors.newScheduledThreadPool(4, work -> {
        Thread thread = new Thread(work, "case-work");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> resolved = ConcurrentHashMap.newKeySet();
    private final Set<String> promised = ConcurrentHashMap.newKeySet();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final AtomicLong given = new AtomicLong();
    private final AtomicLong counter = new AtomicLong();

    private CaseWork(List<String> urls, String token) {
        this.urls = List.copyOf(urls);
        this.token = token;
    }

    /** An agent (with {@code token}) working cases on the resolution replicas at {@code urls}. */
    public static CaseWork on(List<String> urls, String token) {
        return new CaseWork(urls, token);
    }

    /** Takes the case of an acknowledged incident in hand, as the class says. */
    public void take(IncidentLoad.Acknowledgement incident) {
        long number = counter.incrementAndGet();
        String path = "/cases/" + incident.incidentId();
        Step caseOpened = new Step("GET", path, () -> null);
        if (number % 4 == 0) {
            new Work(incident.key(), List.of(caseOpened,
                    new Step("POST", path + "/acknowledgement", () -> "{\"apology\":true}"),
                    new Step("POST", path + "/resolution", () -> "{\"outcome\":\"FIXED\",\"summary\":\"Replaced\","
                            + "\"cause\":\"COMPANY\",\"expectedVerdict\":\"YES\"}")), resolved).next();
        } else if (number % 4 == 1) {
            new Work(incident.key(), List.of(caseOpened, new Step("POST", path + "/promises", () ->
                    "{\"description\":\"We call you back\",\"dueAt\":\""
                            + Instant.now().plus(PROMISE_DUE).truncatedTo(ChronoUnit.MILLIS) + "\"}")), promised).next();
        }
    }

    /** The steps on one case, each tried until answered 2xx; a pause between tries frees the thread. */
    private final class Work {
        private final String key;
        private final List<Step> steps;
        private final Set<String> done;
        private final Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        private int index;
        private int attempt;
        private String body;

        Work(String key, List<Step> steps, Set<String> done) {
            this.key = key;
            this.steps = steps;
            this.done = done;
            pending.add(key);
            taken.add(key);
        }

        void next() {
            agents.execute(this::tryOnce);
        }

        private void tryOnce() {
            Step step = steps.get(index);
            if (body == null) {
                body = step.body().get();
            }
            if (answeredSuccessfully(step, attempt++)) {
                index++;
                body = null;
                if (index == steps.size()) {
                    done.add(key);
                    pending.remove(key);
                    return;
                }
                next();
            } else if (Instant.now().isAfter(giveUp)) {
                given.incrementAndGet();
                pending.remove(key);
            } else {
                agents.schedule(this::tryOnce, RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** Each try goes to the next replica; the key makes a retry of a change that got through harmless. */
        private boolean answeredSuccessfully(Step step, int attempt) {
            String url = urls.get(Math.floorMod(key.hashCode() + attempt, urls.size()));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + step.path()))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json").header("Idempotency-Key", key + step.path())
                        .method(step.method(), HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return status >= 200 && status < 300;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Waits until every case taken in hand is done or given up. */
    @Override
    public void close() throws InterruptedException {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER).plusSeconds(30);
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        agents.shutdownNow();
    }

    /** Idempotency-Keys of the incidents whose case was acknowledged and resolved. */
    public Set<String> resolved() {
        return Set.copyOf(resolved);
    }

    /** Idempotency-Keys of the incidents whose case got a promise nobody keeps. */
    public Set<String> promised() {
        return Set.copyOf(promised);
    }

    /** Idempotency-Keys of every incident whose case the agent worked on (the others were left alone). */
    public Set<String> taken() {
        return Set.copyOf(taken);
    }

    /** Cases whose steps were still refused after three minutes. */
    public long givenUp() {
        return given.get();
    }
}
