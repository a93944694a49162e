package dev.amends.survey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for intake-service's {@code GET /incidents/{id}}, the one call survey-service makes to
 * another service: it answers, to a token survey-service got for itself from the identity provider
 * (client {@code survey-service}, role {@code contact-reader}; 401 to any other), the incident a test registered with
 * {@code PUT /incidents/{id}} (the body it is to answer; with {@code ?status=503} that status
 * instead, as an intake that is away), and 404 for any other. Tests reach it
 * over HTTP at {@code amends.test.intake-service.url}: it may run in another class loader than they.
 */
public class IntakeStandIn implements QuarkusTestResourceLifecycleManager {

    private static final Pattern INCIDENT = Pattern.compile("/incidents/([0-9a-fA-F-]{36})");

    private final Map<String, byte[]> incidents = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** The claims of every token a look-up presented, in order. */
    private final java.util.List<String> tokensSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/incidents/", this::handle);
        server.createContext("/tokens-seen", this::tokensSeen);
        server.start();
        return Map.of("amends.test.intake-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = INCIDENT.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String id = path.group(1).toLowerCase();
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    incidents.put(id, exchange.getRequestBody().readAllBytes());
                    String query = exchange.getRequestURI().getQuery();
                    statuses.put(id, query != null && query.startsWith("status=") ? Integer.parseInt(query.substring(7)) : 200);
                    exchange.sendResponseHeaders(204, -1);
                }
                case "GET" -> answer(exchange, id);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    /** Its claims only: intake itself verifies the signature, which the packaged-service tests prove. */
    private static boolean isSurveyServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        if (authorization.substring(7).split("\\.").length != 3) {
            return false;
        }
        String claims = claims(authorization);
        return claims.contains("\"azp\":\"survey-service\"") && claims.contains("\"contact-reader\"");
    }

    private static String claims(String authorization) {
        String payload = authorization.substring(7).split("\\.")[1];
        return new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code GET /tokens-seen}: the claims of the tokens look-ups presented, one JSON object per line. */
    private void tokensSeen(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] lines = String.join("\n", tokensSeen).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, lines.length == 0 ? -1 : lines.length);
            if (lines.length > 0) {
                exchange.getResponseBody().write(lines);
            }
        }
    }

    private void answer(HttpExchange exchange, String id) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!isSurveyServiceToken(authorization)) {
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        tokensSeen.add(claims(authorization));
        byte[] incident = incidents.get(id);
        if (incident == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        int status = statuses.get(id);
        if (status != 200) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, incident.length);
        exchange.getResponseBody().write(incident);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The JSON intake would answer for an incident of a customer with this email (null: none) and locale. */
    public static String incident(String email, String locale) {
        return "{\"customer\": {\"email\": " + (email == null ? "null" : "\"" + email + "\"")
                + ", \"locale\": \"" + locale + "\"}}";
    }
}
