package dev.amends.testing;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Sends generated hostile requests to a running service and records every answer that breaks the
 * rule: a 4xx (the one the request expects, when it names one), a problem+json body (an HTML page
 * for the survey page), never a stack trace. The seed is printed and fixed per run, so a failure
 * can be replayed.
 */
public final class HostileRun {

    private static final Pattern STACK_TRACE = Pattern.compile(
            "Exception|\\tat |at (dev\\.amends|io\\.quarkus|org\\.hibernate|java\\.)|Caused by|SQLState|PSQLException");

    /** How many requests were sent, how many answered each status, and what went wrong. */
    public record Result(int sent, Map<Integer, Integer> statuses, Map<String, Integer> kinds, List<String> failures) {
    }

    private HostileRun() {
    }

    /**
     * Sends the requests to {@code service} at {@code baseUrl} once its database has settled, then
     * adds to the failures any table of the database that changed and any record its topic gained.
     * Instead of waiting a while for records that should not come, it makes one valid change
     * ({@code marker}, answering the key of the one event it publishes): the relay publishes in
     * outbox order, so once that event is on the topic anything committed before it is too.
     */
    public static Result sendChangingNothing(String service, String baseUrl, Arbitrary<HostileRequests.Request> requests,
                                             int count, long seed, DataSource database, String bootstrapServers,
                                             String topic, Supplier<String> marker) throws IOException, InterruptedException {
        Map<String, String> before = DatabaseState.settled(database, Duration.ofSeconds(30));
        long eventsBefore = TopicReader.endOffsets(bootstrapServers, topic);
        Result result = send(baseUrl, requests, count, seed);
        System.out.printf("[hostile] %s: %d requests, statuses %s, kinds %s%n", service, result.sent(), result.statuses(),
                result.kinds());
        List<String> failures = new ArrayList<>(result.failures());
        Map<String, String> after = DatabaseState.of(database);
        if (!after.equals(before)) {
            failures.add("the database changed: before " + before + ", after " + after);
        }
        String markerKey = marker.get();
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.await(TopicReader.key(markerKey), 1, Duration.ofSeconds(30));
        }
        long gained = TopicReader.endOffsets(bootstrapServers, topic) - eventsBefore - 1;
        if (gained != 0) {
            failures.add(topic + " gained " + gained + " records besides the marker's");
        }
        return new Result(result.sent(), result.statuses(), result.kinds(), failures);
    }

    public static Result send(String baseUrl, Arbitrary<HostileRequests.Request> requests, int count, long seed)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<HostileRequests.Request> generated = new ArrayList<>();
        JqwikSession.start();
        try {
            var generator = requests.generator(1000);
            Random random = new Random(seed);
            for (int i = 0; i < count; i++) {
                generated.add(generator.next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        int failed = 0;
        for (HostileRequests.Request request : generated) {
            kinds.merge(request.what().replaceAll(" (at /|\\{|\\?|'|of \\d|/|\\d).*", ""), 1, Integer::sum);
            Answer response;
            try {
                response = answer(http, baseUrl, request);
            } catch (IOException e) {
                failures.add("no answer (" + e + ") to " + request);
                continue;
            }
            statuses.merge(response.status(), 1, Integer::sum);
            String problem = check(request, response);
            if (problem != null && failures.size() < 25) {
                failures.add(problem + " for " + request + " (seed " + seed + ")");
            } else if (problem != null) {
                failed++;
            }
        }
        if (failed > 0) {
            failures.add("... and " + failed + " more");
        }
        return new Result(generated.size(), statuses, kinds, failures);
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Answer answer(HttpClient http, String baseUrl, HostileRequests.Request request)
            throws IOException, InterruptedException {
        if (request.chunked()) {
            ChunkedPost.Answer answer = ChunkedPost.send(request.method(), URI.create(baseUrl + request.path()),
                    request.headers(), request.body());
            return new Answer(answer.status(), answer.header("Content-Type"), answer.body());
        }
        HttpResponse<String> response = http.send(build(baseUrl, request), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static String check(HostileRequests.Request request, Answer response) {
        int status = response.status();
        if (status < 400 || status > 499) {
            return "status " + status + ": " + abbreviate(response.body());
        }
        if (!request.expected().isEmpty() && !request.expected().contains(status)) {
            return "status " + status + ", expected " + request.expected() + ": " + abbreviate(response.body());
        }
        String type = response.contentType();
        if (request.html() ? !type.startsWith("text/html") : !type.startsWith("application/problem+json")) {
            return "content type '" + type + "' with status " + status;
        }
        if (STACK_TRACE.matcher(response.body()).find()) {
            return "internals in the answer: " + abbreviate(response.body());
        }
        return null;
    }

    private static HttpRequest build(String baseUrl, HostileRequests.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
