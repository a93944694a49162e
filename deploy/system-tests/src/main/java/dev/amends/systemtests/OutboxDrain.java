package dev.amends.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits until a service has sent every event it committed, as its metric {@code amends_outbox_unsent_events} tells. */
final class OutboxDrain {

    private static final Pattern UNSENT = Pattern.compile("(?m)^amends_outbox_unsent_events(?:\\{[^}]*})? ([0-9.eE+-]+|NaN)$");
    /** The services read the metric from their database at most every five seconds. */
    private static final Duration METRIC_REFRESH = Duration.ofSeconds(6);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OutboxDrain() {
    }

    /** Waits until the metric reads 0 twice a refresh apart: the first 0 may be a reading from before. */
    static void await(String serviceUrl, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unsent(serviceUrl) == 0) {
                Thread.sleep(METRIC_REFRESH.toMillis());
                if (unsent(serviceUrl) == 0) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(serviceUrl + ": the outbox did not drain within " + timeout);
    }

    private static double unsent(String serviceUrl) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher value = UNSENT.matcher(metrics.body());
        if (metrics.statusCode() != 200 || !value.find()) {
            return Double.NaN;
        }
        return Double.parseDouble(value.group(1));
    }
}
