package dev.amends.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.local.DevKeys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every operation of a service's OpenAPI document, called with no token, an expired and a forged
 * token, and a token of each role: the roles the document lists for the operation get past
 * security, the others get 403, and no or a bad token gets 401. Operations without a security
 * requirement are public. Generated from the document, so a new endpoint cannot be forgotten.
 */
public final class AuthorizationMatrix {

    public static final List<String> ROLES = List.of("reporter", "agent", "analyst", "contact-reader", "admin");

    /** What was checked and what did not answer as expected. */
    public record Result(int calls, int protectedOperations, List<String> publicOperations, List<String> mismatches) {
    }

    private AuthorizationMatrix() {
    }

    public static Result check(String baseUrl, DevKeys keys) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode openApi = new ObjectMapper().readTree(http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        int protectedOperations = 0;
        List<String> publicOperations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                Set<String> allowed = roles(operation.getValue());
                if (allowed == null) {
                    publicOperations.add(method + " " + path.getKey());
                    continue;
                }
                protectedOperations++;
                String where = method + " " + path.getKey();
                calls += expect(http, baseUrl, method, concrete, null, Set.of(401), where + " without a token", mismatches);
                calls += expect(http, baseUrl, method, concrete, keys.expiredToken("someone", ROLES.toArray(String[]::new)),
                        Set.of(401), where + " with an expired token", mismatches);
                calls += expect(http, baseUrl, method, concrete, DevKeys.forgedToken("someone", ROLES.toArray(String[]::new)),
                        Set.of(401), where + " with a forged token", mismatches);
                for (String role : ROLES) {
                    String token = keys.token("someone", Duration.ofMinutes(5), role);
                    if (allowed.contains(role)) {
                        calls += expectNot(http, baseUrl, method, concrete, token, Set.of(401, 403),
                                where + " as " + role, mismatches);
                    } else {
                        calls += expect(http, baseUrl, method, concrete, token, Set.of(403), where + " as " + role, mismatches);
                    }
                }
            }
        }
        return new Result(calls, protectedOperations, publicOperations, mismatches);
    }

    /** The roles the operation allows (x-roles beside its security requirement); null when it has none (public). */
    private static Set<String> roles(JsonNode operation) {
        JsonNode security = operation.get("security");
        if (security == null || security.isEmpty()) {
            return null;
        }
        Set<String> roles = new java.util.HashSet<>();
        operation.path("x-roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    private static int expect(HttpClient http, String baseUrl, String method, String path, String token,
                              Set<Integer> statuses, String what, List<String> mismatches)
            throws IOException, InterruptedException {
        int status = call(http, baseUrl, method, path, token);
        if (!statuses.contains(status)) {
            mismatches.add(what + ": " + status + ", expected " + statuses);
        }
        return 1;
    }

    private static int expectNot(HttpClient http, String baseUrl, String method, String path, String token,
                                 Set<Integer> statuses, String what, List<String> mismatches)
            throws IOException, InterruptedException {
        int status = call(http, baseUrl, method, path, token);
        if (statuses.contains(status) || status >= 500) {
            mismatches.add(what + ": " + status + ", expected neither " + statuses + " nor a 5xx");
        }
        return 1;
    }

    private static int call(HttpClient http, String baseUrl, String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
