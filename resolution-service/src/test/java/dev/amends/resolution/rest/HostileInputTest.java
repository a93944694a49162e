package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Topics;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.HostileRequests;
import dev.amends.testing.HostileRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import static dev.amends.testing.HostileRequests.isDateTime;
import static dev.amends.testing.HostileRequests.isInteger;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,200 generated malformed and hostile requests against every case endpoint and the webhook API
 * (jqwik generators, fixed seed), on a real case with an open promise and a real subscription: each
 * gets the 4xx it should, and afterwards no table changed and no event was published.
 */
@QuarkusTest
class HostileInputTest extends CaseApiTest {

    private static final long SEED = 20261123L;
    private static final List<String> BAD_DATES = List.of("yesterday", "2020-01-01T00:00:00Z", "2026-02-30T10:00:00Z",
            "1700000000", "2026-11-23", "2030-01-01T10:00:00", "' OR '1'='1");

    @TestHTTPResource("/")
    URL service;
    @Inject
    DataSource dataSource;

    /** A command of the case API with a body it would accept. */
    private record Command(String method, String path, String schema, String validBody, Map<String, List<String>> inCode) {
    }

    @Test
    void hostileRequestsGetA4xxAndChangeNothing() throws Exception {
        String id = openCase();
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        String later = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String promiseId = as("ola").body("{\"description\": \"We call you\", \"dueAt\": \"" + later + "\"}")
                .post("/cases/" + id + "/promises").then().statusCode(201).extract().path("id");
        String agent = agent("ola");
        String reason = "\"reason\": \"Because\"";
        List<Command> commands = List.of(
                new Command("PUT", "/cases/{id}/owner", "change-owner", "{\"owner\": \"per\", " + reason + "}", Map.of()),
                new Command("PUT", "/cases/{id}/assignee", "change-assignee", "{\"assignee\": \"per\"}", Map.of()),
                new Command("POST", "/cases/{id}/acknowledgement", "acknowledge", "{\"apology\": true, \"message\": \"Sorry\"}", Map.of()),
                new Command("POST", "/cases/{id}/status", "change-status", "{\"status\": \"IN_PROGRESS\", " + reason + "}", Map.of()),
                new Command("POST", "/cases/{id}/resolution", "resolve", "{\"outcome\": \"FIXED\", \"summary\": \"Sent\", "
                        + "\"cause\": \"SUPPLIER\", \"expectedVerdict\": \"YES\"}", Map.of()),
                new Command("POST", "/cases/{id}/reopen", "reopen", "{" + reason + "}", Map.of()),
                new Command("POST", "/cases/{id}/promises", "make-promise",
                        "{\"description\": \"We call you\", \"dueAt\": \"" + later + "\"}", Map.of("/dueAt", BAD_DATES)),
                new Command("POST", "/cases/{id}/promises/{promiseId}/kept", "keep-promise", "{\"note\": \"Called\"}", Map.of()),
                new Command("POST", "/cases/{id}/promises/{promiseId}/renegotiated", "renegotiate-promise",
                        "{\"dueAt\": \"" + later + "\", " + reason + "}", Map.of("/dueAt", BAD_DATES)),
                new Command("POST", "/cases/{id}/compensations", "offer-compensation",
                        "{\"kind\": \"REFUND\", \"amount\": 100, \"currency\": \"NOK\", \"description\": \"Shipping\"}", Map.of()));
        Map<String, String> ids = Map.of("id", id, "promiseId", promiseId);

        var keys = AmendsTestStack.keys();
        List<Tuple.Tuple2<Integer, Arbitrary<? extends HostileRequests.Request>>> kinds = new ArrayList<>();
        for (Command command : commands) {
            String path = command.path().replace("{id}", id).replace("{promiseId}", promiseId);
            JsonNode schema = mapper.readTree(getClass().getResource("/schemas/requests/" + command.schema() + ".json"));
            kinds.add(Tuple.of(8, HostileRequests.bodies(command.method(), path, agent, command.validBody(), schema, command.inCode())));
            kinds.add(Tuple.of(2, HostileRequests.tokens(command.method(), path, command.validBody(), keys, Set.of("agent"))));
            kinds.add(Tuple.of(2, HostileRequests.pathValues(command.method(), command.path(),
                    command.path().contains("{promiseId}") ? ids : Map.of("id", id), agent, command.validBody(), false)));
        }
        kinds.add(Tuple.of(3, HostileRequests.tokens("GET", "/cases/" + id, null, keys, Set.of("agent", "analyst"))));
        kinds.add(Tuple.of(3, HostileRequests.pathValues("GET", "/cases/{id}", Map.of("id", id), agent, null, false)));
        kinds.add(Tuple.of(8, HostileRequests.queryValues("GET", "/cases", agent, Map.of(
                "status", HostileRequests.isOneOf(CaseStatus.class), "breached", value -> value.equals("true") || value.equals("false"),
                "promiseDue", value -> isDateTime(value), "from", value -> isDateTime(value), "to", value -> isDateTime(value),
                "page", value -> isInteger(value), "size", value -> isInteger(value)))));
        kinds.add(Tuple.of(2, HostileRequests.deepPages("GET", "/cases", agent)));
        String webhook = webhookRequests(kinds, keys);
        caseActionRequests(kinds, keys, agent);
        kinds.add(Tuple.of(1, HostileRequests.textFilters("GET", "/cases", agent, List.of("owner", "assignee"), 200)));

        var result = HostileRun.sendChangingNothing("resolution", baseUrl(), Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new)),
                1200, SEED, dataSource,
                AmendsTestStack.kafkaBootstrapServers(), Topics.CASES, () -> {
                    // A body the mutations started from, accepted: the rejections came from the mutations.
                    as("ola").body(commands.get(1).validBody()).put("/cases/" + id + "/assignee").then().statusCode(200);
                    return id;
                });

        assertThat(result.failures()).isEmpty();
        assertThat(result.sent()).isEqualTo(1200);
        as("ola").body(commands.get(9).validBody()).post("/cases/" + id + "/compensations").then().statusCode(201);
        WebhookApiTest.asAdmin().delete("/webhooks/" + webhook).then().statusCode(204);
    }

    /** The admin's webhook API, on a subscription to a type nothing in this test publishes. */
    private String webhookRequests(List<Tuple.Tuple2<Integer, Arbitrary<? extends HostileRequests.Request>>> kinds,
                                 dev.amends.local.DevKeys keys) throws Exception {
        String admin = AmendsTestStack.token("ada", "admin");
        String subscription = "{\"url\": \"http://127.0.0.1:9/hooks\", \"eventTypes\": [\""
                + dev.amends.common.events.EventType.SURVEY_EXPIRED.type() + "\"], \"description\": \"Helpdesk\"}";
        String id = WebhookApiTest.asAdmin().body(subscription).post("/webhooks").then().statusCode(201).extract().path("id");
        JsonNode schema = mapper.readTree(getClass().getResource("/schemas/requests/create-webhook.json"));
        kinds.add(Tuple.of(6, HostileRequests.bodies("POST", "/webhooks", admin, subscription, schema, Map.of("/url", List.of(
                "ftp://127.0.0.1/hooks", "http://ada:secret@127.0.0.1/hooks", "http://no-such-host.invalid/hooks",
                "not a url", "javascript:alert(1)", "file:///etc/passwd", "//127.0.0.1/hooks")))));
        kinds.add(Tuple.of(2, HostileRequests.tokens("POST", "/webhooks", subscription, keys, Set.of("admin"))));
        kinds.add(Tuple.of(2, HostileRequests.pathValues("POST", "/webhooks/{id}/secret", Map.of("id", id), admin, null, false)));
        kinds.add(Tuple.of(2, HostileRequests.queryValues("GET", "/webhooks/" + id + "/deliveries", admin, Map.of(
                "page", value -> isInteger(value), "size", value -> isInteger(value)))));
        return id;
    }

    /**
     * Bulk case actions: the envelope and the compensation's own fields broken one at a time, each
     * with an Idempotency-Key (without one every request would be refused for that alone).
     */
    private void caseActionRequests(List<Tuple.Tuple2<Integer, Arbitrary<? extends HostileRequests.Request>>> kinds,
                                    dev.amends.local.DevKeys keys, String agent) throws Exception {
        ObjectNode schema = (ObjectNode) mapper.readTree(getClass().getResource("/schemas/requests/case-action.json"));
        JsonNode compensation = mapper.readTree(getClass().getResource("/schemas/requests/offer-compensation.json"));
        ((ObjectNode) schema.get("properties")).setAll((ObjectNode) compensation.get("properties"));
        ((ArrayNode) schema.get("required")).addAll((ArrayNode) compensation.get("required"));
        String body = "{\"disruptionId\": \"" + UUID.randomUUID() + "\", \"action\": \"OFFER_COMPENSATION\", "
                + "\"kind\": \"REFUND\", \"amount\": 100, \"currency\": \"NOK\", \"description\": \"For the delay\"}";
        kinds.add(Tuple.of(8, HostileRequests.bodies("POST", "/case-actions", agent, body, schema,
                Map.of("/currency", List.of("XXY", "ABC")))
                .map(request -> request.withHeader("Idempotency-Key", UUID.randomUUID().toString()))));
        kinds.add(Tuple.of(2, HostileRequests.tokens("POST", "/case-actions", body, keys, Set.of("agent"))
                .map(request -> request.withHeader("Idempotency-Key", UUID.randomUUID().toString()))));
        kinds.add(Tuple.of(1, HostileRequests.pathValues("GET", "/case-actions/{id}", Map.of("id", UUID.randomUUID().toString()),
                agent, null, false)));
    }

    private String baseUrl() {
        return service.toString().replaceAll("/$", "");
    }
}
