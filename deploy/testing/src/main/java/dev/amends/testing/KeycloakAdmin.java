package dev.amends.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.local.AmendsRealm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an operator does in Keycloak's admin console, through its admin REST API: rotate the
 * realm's signing key, withdraw the old one, shorten a client's tokens. Signs in as the master realm's administrator.
 */
public final class KeycloakAdmin {

    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AmendsRealm realm;
    private final HttpClient http = HttpClient.newHttpClient();

    public KeycloakAdmin(AmendsRealm realm) {
        this.realm = realm;
    }

    /** A token of the master realm's administrator: also a well-signed token from another issuer. */
    public String masterToken() throws IOException, InterruptedException {
        return realm.requestToken("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", realm.adminPassword()));
    }

    /** Adds a new RS256 signing key of a higher priority than any before: new tokens are signed with it. */
    public String rotateSigningKey() throws IOException, InterruptedException {
        int priority = 100;
        for (JsonNode key : signingKeyProviders()) {
            priority = Math.max(priority, key.path("config").path("priority").path(0).asInt(0));
        }
        String component = JSON.writeValueAsString(Map.of(
                "name", "rotated-" + System.nanoTime(),
                "providerId", "rsa-generated",
                "providerType", KEY_PROVIDER,
                "parentId", send("GET", "", null).path("id").asText(),
                "config", Map.of("priority", new String[]{Integer.toString(priority + 100)},
                        "algorithm", new String[]{"RS256"}, "keySize", new String[]{"2048"},
                        "active", new String[]{"true"}, "enabled", new String[]{"true"})));
        HttpResponse<String> created = http.send(request("/components")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(component)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("Keycloak did not add the key: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Removes every RS256 signing key but the one {@link #rotateSigningKey} added. */
    public void withdrawSigningKeysBut(String keptComponentId) throws IOException, InterruptedException {
        for (JsonNode key : signingKeyProviders()) {
            String id = key.path("id").asText();
            if (!id.equals(keptComponentId)) {
                send("DELETE", "/components/" + id, null);
            }
        }
    }

    /** How long the client's access tokens last from now on ({@code null}: the realm's 8 hours again). */
    public void setAccessTokenLifespan(String clientId, Duration lifespan) throws IOException, InterruptedException {
        JsonNode found = send("GET", "/clients?clientId=" + clientId, null);
        ObjectNode client = (ObjectNode) found.get(0);
        ObjectNode attributes = client.with("attributes");
        if (lifespan == null) {
            attributes.remove("access.token.lifespan");
        } else {
            attributes.put("access.token.lifespan", Long.toString(lifespan.toSeconds()));
        }
        HttpResponse<String> updated = http.send(request("/clients/" + client.get("id").asText())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (updated.statusCode() != 204) {
            throw new IOException("Keycloak did not update " + clientId + ": " + updated.statusCode() + " " + updated.body());
        }
    }

    private List<JsonNode> signingKeyProviders() throws IOException, InterruptedException {
        JsonNode all = send("GET", "/components?type=" + KEY_PROVIDER, null);
        List<JsonNode> rsa = new ArrayList<>();
        all.forEach(each -> {
            if (each.path("providerId").asText().equals("rsa-generated")) {
                rsa.add(each);
            }
        });
        return rsa;
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpResponse<String> response = http.send(request(path).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) throws IOException, InterruptedException {
        String adminApi = realm.keycloak().url() + "/admin/realms/" + AmendsRealm.NAME;
        return HttpRequest.newBuilder(URI.create(adminApi + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + masterToken());
    }
}
