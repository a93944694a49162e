package dev.amends.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP receiver of webhooks on loopback: keeps every request it got (headers, body, when)
 * and answers the n-th one (from 1) with the status its script gives; a status of 0 never answers.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as it arrived; header names in lower case. */
    public record Received(Map<String, String> headers, String body, Instant at, int answeredWith) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final IntUnaryOperator script;
    private volatile String retryAfter;

    private WebhookReceiver(IntUnaryOperator script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** Answers the n-th request with {@code script.applyAsInt(n)}. */
    public static WebhookReceiver answering(IntUnaryOperator script) throws IOException {
        return new WebhookReceiver(script);
    }

    public static WebhookReceiver answering(int status) throws IOException {
        return new WebhookReceiver(n -> status);
    }

    /** Sends this Retry-After with every 429 and 503. */
    public WebhookReceiver withRetryAfter(String value) {
        retryAfter = value;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets what it received so far. */
    public void clear() {
        received.clear();
    }

    /** The requests that carried this CloudEvent id ({@code webhook-id}). */
    public List<Received> receivedOf(String eventId) {
        return received.stream().filter(request -> eventId.equals(request.header("webhook-id"))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int status = script.applyAsInt(count.incrementAndGet());
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        received.add(new Received(headers, body, Instant.now(), status));
        if (status == 0) {
            return; // never answers: the exchange stays open until the server stops
        }
        if (retryAfter != null && (status == 429 || status == 503)) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
