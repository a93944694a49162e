package dev.amends.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    private final ServiceApi api;
    private final ObjectMapper mapper = new ObjectMapper();

    IntakeApi(String url, String agentToken) {
        this.api = new ServiceApi(url, agentToken);
    }

    /** Every stored incident of the source: externalRef → the ids stored under it (one, unless duplicated). */
    Map<String, List<String>> incidentsOf(String source) throws IOException, InterruptedException {
        Map<String, List<String>> byExternalRef = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode items = mapper.readTree(api.get("/incidents?size=" + PAGE_SIZE + "&page=" + page + "&source="
                    + URLEncoder.encode(source, StandardCharsets.UTF_8)));
            items.forEach(incident -> byExternalRef.computeIfAbsent(incident.path("externalRef").asText(null),
                    key -> new ArrayList<>()).add(incident.path("id").asText()));
            if (items.size() < PAGE_SIZE) {
                return byExternalRef;
            }
        }
    }

    /** How many incidents intake-service holds. */
    long incidentCount() throws IOException, InterruptedException {
        return api.total("/incidents");
    }
}
