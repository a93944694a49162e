package dev.amends.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checks learn from intake-service's data, through its API as any client would: the
 * incidents stored for a source ({@code GET /incidents}, page by page).
 */
final class IntakeApi {

    private static final int PAGE_SIZE = 500;

    private final String url;
    private final String agentToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    IntakeApi(String url, String agentToken) {
        this.url = url;
        this.agentToken = agentToken;
    }

    /** Every stored incident of the source: externalRef → the ids stored under it (one, unless duplicated). */
    Map<String, List<String>> incidentsOf(String source) throws IOException, InterruptedException {
        Map<String, List<String>> byExternalRef = new HashMap<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> answer = get("/incidents?size=" + PAGE_SIZE + "&page=" + page + "&source="
                    + URLEncoder.encode(source, StandardCharsets.UTF_8), agentToken);
            JsonNode items = mapper.readTree(answer.body());
            items.forEach(incident -> byExternalRef.computeIfAbsent(incident.path("externalRef").asText(null),
                    key -> new ArrayList<>()).add(incident.path("id").asText()));
            if (items.size() < PAGE_SIZE) {
                return byExternalRef;
            }
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }
}
