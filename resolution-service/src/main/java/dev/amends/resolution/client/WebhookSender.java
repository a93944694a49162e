package dev.amends.resolution.client;

import dev.amends.resolution.config.WebhookConfig;
import dev.amends.resolution.repository.WebhookDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts one try of a delivery, without blocking a thread while the receiver takes its time: to
 * exactly the address the destination rule allowed (the URL's host still names the server for TLS
 * and the Host header), never following a redirect, given up after the timeout however slowly
 * the receiver drips its answer.
 */
@ApplicationScoped
public class WebhookSender {

    private final Vertx vertx;
    private final HttpClient http;
    private final long timeoutMillis;

    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = config.timeout().toMillis();
        // Connections are pooled per receiver; a subscription never has more tries in flight than its lanes.
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(config.lanesPerSubscription())
                .setConnectTimeout((int) timeoutMillis).setKeepAlive(true));
    }

    void close(@Observes ShutdownEvent stop) {
        http.close();
    }

    /** Completes with how the try went; never exceptionally. */
    public CompletionStage<TryResult> post(URI url, InetAddress address, Map<String, String> headers, String body) {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() != null ? "?" + url.getRawQuery() : "");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(port)
                .setURI(target).setSsl(https).setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
        headers.forEach(options::putHeader);

        long started = System.nanoTime();
        CompletableFuture<TryResult> result = new CompletableFuture<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        http.request(options).onSuccess(request -> {
            long timer = vertx.setTimer(timeoutMillis, expired -> {
                timedOut.set(true);
                request.reset();
            });
            request.send(Buffer.buffer(body))
                    .compose(response -> response.end().map(ended -> response))
                    .onComplete(answered -> {
                        vertx.cancelTimer(timer);
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        if (answered.succeeded()) {
                            result.complete(answer(answered.result(), took));
                        } else {
                            result.complete(TryResult.failed(timedOut.get() ? WebhookDelivery.Failure.TIMEOUT
                                    : WebhookDelivery.Failure.CONNECTION_FAILED, took));
                        }
                    });
        }).onFailure(notConnected -> result.complete(TryResult.failed(
                notConnected instanceof io.netty.channel.ConnectTimeoutException ? WebhookDelivery.Failure.TIMEOUT
                        : WebhookDelivery.Failure.CONNECTION_FAILED, Duration.ofNanos(System.nanoTime() - started))));
        return result;
    }

    private static TryResult answer(HttpClientResponse response, Duration took) {
        int status = response.statusCode();
        Duration retryAfter = status == 429 || status == 503 ? retryAfter(response.getHeader("Retry-After")) : null;
        return new TryResult(status, retryAfter, null, took);
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
