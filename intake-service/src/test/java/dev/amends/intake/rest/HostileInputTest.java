package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.Channel;
import dev.amends.common.events.Topics;
import dev.amends.intake.support.Disruptions;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.HostileRequests;
import dev.amends.testing.HostileRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import static dev.amends.testing.HostileRequests.isDateTime;
import static dev.amends.testing.HostileRequests.isInteger;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,200 generated malformed and hostile requests against intake (jqwik generators, fixed seed):
 * each gets the 4xx problem it should, and afterwards no table changed and no event was published.
 */
@QuarkusTest
class HostileInputTest {

    private static final long SEED = 20261123L;

    @TestHTTPResource("/")
    URL service;
    @Inject
    DataSource dataSource;

    @Test
    void hostileRequestsGetA4xxAndChangeNothing() throws Exception {
        String reporter = AmendsTestStack.token("webshop", "reporter");
        String agent = AmendsTestStack.token("ola", "agent");
        String validBody = IncidentBodies.valid().toString();
        JsonNode schema = HostileRequests.schema("schemas/requests/report-incident.json");
        var keys = AmendsTestStack.keys();
        String disruption = Disruptions.declare(reporter, Disruptions.source(), Instant.parse("2026-11-30T08:00:00Z"), null);
        String declaration = Disruptions.body("webshop", Instant.parse("2026-11-30T08:00:00Z"), null);
        String affected = "/disruptions/" + disruption + "/affected";
        Map<String, List<String>> contactRules = Map.of(
                "/customer/email", List.of("not-an-email", "kari@", "@example.no", "kari@@example.no",
                        "kari nordmann@example.no", "<script>@example.no", "' OR 1=1 --@x"),
                "/customer/phone", List.of("99999999", "+0 999", "phone", "+47 999 99 999", "++4799999999", "+47-99"),
                "/customer/locale", List.of("not a locale", "nb_NO_!!", "<script>", "x-"));
        var requests = Arbitraries.frequencyOf(
                Tuple.of(12, HostileRequests.bodies("POST", "/incidents", reporter, validBody, schema, with(contactRules,
                        "/occurredAt", List.of("yesterday", "2026-13-01T00:00:00Z", "2026-11-20", "2099-01-01T00:00:00Z",
                                "1700000000", "2026-11-20T10:00:00"),
                        "/disruptionId", List.of(UUID.randomUUID().toString(), "not-an-id")))),
                Tuple.of(5, HostileRequests.bodies("POST", "/disruptions", reporter, declaration,
                        HostileRequests.schema("schemas/requests/declare-disruption.json"), Map.of(
                                "/startedAt", List.of("yesterday", "2099-01-01T00:00:00Z", "2026-11-30", "2026-11-30T08:00:00"),
                                "/endedAt", List.of("2020-01-01T00:00:00Z", "tomorrow", "2026-11-30")))),
                Tuple.of(1, HostileRequests.tokens("POST", "/disruptions", declaration, keys, Set.of("reporter"))),
                Tuple.of(2, HostileRequests.bodies("PATCH", "/disruptions/" + disruption, reporter,
                        "{\"endedAt\": \"2026-11-30T20:00:00Z\"}", HostileRequests.schema("schemas/requests/end-disruption.json"),
                        Map.of("/endedAt", List.of("2020-01-01T00:00:00Z", "tonight", "2026-11-30")))),
                Tuple.of(5, HostileRequests.bodies("POST", affected, reporter, "application/x-ndjson", 8 * 1024 * 1024,
                        Disruptions.entry("C-hostile"), HostileRequests.schema("schemas/requests/affected-customer.json"),
                        contactRules)),
                Tuple.of(1, HostileRequests.tokens("POST", affected, Disruptions.entry("C-hostile"), keys, Set.of("reporter"))),
                Tuple.of(2, HostileRequests.bodies("POST", "/disruptions/" + disruption + "/outreach", agent, "{\"holdout\": 0.1}",
                        HostileRequests.schema("schemas/requests/start-outreach.json"), Map.of())),
                Tuple.of(1, HostileRequests.tokens("POST", "/disruptions/" + disruption + "/outreach", "{}", keys, Set.of("agent"))),
                Tuple.of(3, HostileRequests.bodies("POST", "/lapses", reporter,
                        "{\"source\": \"webshop\", \"customerId\": \"C-1\", \"lapsedAt\": \"2026-11-01T00:00:00Z\", "
                                + "\"valueTier\": \"HIGH\"}", HostileRequests.schema("schemas/requests/record-lapse.json"),
                        Map.of("/lapsedAt", List.of("yesterday", "2099-01-01T00:00:00Z", "2026-11-01", "2026-11-01T00:00:00")))),
                Tuple.of(1, HostileRequests.bodies("POST", "/returns", reporter,
                        "{\"source\": \"webshop\", \"customerId\": \"C-1\", \"returnedAt\": \"2026-11-01T00:00:00Z\"}",
                        HostileRequests.schema("schemas/requests/record-return.json"),
                        Map.of("/returnedAt", List.of("yesterday", "2099-01-01T00:00:00Z")))),
                Tuple.of(1, HostileRequests.tokens("POST", "/lapses",
                        "{\"source\": \"webshop\", \"customerId\": \"C-1\", \"lapsedAt\": \"2026-11-01T00:00:00Z\"}",
                        keys, Set.of("reporter"))),
                Tuple.of(1, HostileRequests.pathValues("GET", "/lapses/{id}", Map.of("id", UUID.randomUUID().toString()),
                        agent, null, false)),
                Tuple.of(1, HostileRequests.pathValues("GET", "/disruptions/{id}", Map.of("id", disruption), agent, null, false)),
                Tuple.of(1, HostileRequests.queryValues("GET", "/disruptions", agent, Map.of("from", value -> isDateTime(value),
                        "to", value -> isDateTime(value), "page", value -> isInteger(value), "size", value -> isInteger(value)))),
                Tuple.of(1, HostileRequests.ndjsonBodies("POST", "/incidents", reporter, validBody,
                        Set.of(415), Set.of(413, 415))),
                Tuple.of(3, HostileRequests.tokens("POST", "/incidents", validBody, keys, Set.of("reporter"))),
                Tuple.of(1, HostileRequests.tokens("GET", "/incidents", null, keys, Set.of("agent", "reporter"))),
                Tuple.of(1, HostileRequests.tokens("DELETE", "/customers/C-1/personal-data?source=webshop", null,
                        keys, Set.of("agent"))),
                Tuple.of(2, HostileRequests.pathValues("GET", "/incidents/{id}",
                        Map.of("id", UUID.randomUUID().toString()), agent, null, false)),
                Tuple.of(2, HostileRequests.queryValues("GET", "/incidents", agent, Map.of(
                        "channel", HostileRequests.isOneOf(Channel.class), "from", value -> isDateTime(value),
                        "to", value -> isDateTime(value), "page", value -> isInteger(value), "size", value -> isInteger(value)))),
                Tuple.of(1, HostileRequests.deepPages("GET", "/incidents", agent)),
                Tuple.of(1, HostileRequests.textFilters("GET", "/incidents", agent, List.of("source", "customerId", "externalRef"), 200)),
                Tuple.of(1, HostileRequests.queryValues("DELETE", "/customers/C-1/personal-data", agent,
                        Map.of("source", value -> value.matches("[a-z0-9._-]{1,64}")))));

        // The marker is the body every mutation started from: valid, so the rejections came from the mutations.
        var result = HostileRun.sendChangingNothing("intake", baseUrl(), requests, 1200, SEED, dataSource,
                AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS,
                () -> given().auth().oauth2(reporter).contentType("application/json").body(validBody).post("/incidents")
                        .then().statusCode(201).extract().path("id"));

        assertThat(result.failures()).isEmpty();
        assertThat(result.sent()).isEqualTo(1200);
    }

    private static Map<String, List<String>> with(Map<String, List<String>> rules, String pointer, List<String> values,
                                                  String another, List<String> anotherValues) {
        Map<String, List<String>> all = new java.util.HashMap<>(rules);
        all.put(pointer, values);
        all.put(another, anotherValues);
        return all;
    }

    private String baseUrl() {
        return service.toString().replaceAll("/$", "");
    }
}
