package dev.amends.survey.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.LapseReason;
import dev.amends.common.events.Topics;
import dev.amends.survey.repository.RecoveryFigures;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.HostileRequests;
import dev.amends.testing.HostileRun;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.amends.testing.HostileRequests.isDateTime;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,600 generated malformed and hostile requests against survey-service (jqwik generators, fixed
 * seed): JSON answers and page forms on a real mailed survey link and a real exit interview link,
 * hostile links, the reports' tokens and parameters. Each gets the 4xx it should; no table changed, no event was published.
 */
@QuarkusTest
class HostileInputTest extends SurveyTest {

    private static final long SEED = 20261123L;
    private static final String VALID_ANSWER = "{\"resolvedSatisfactorily\": \"NO\", \"satisfaction\": 2, "
            + "\"comparedToBefore\": \"LESS\", \"speed\": 3, \"cause\": \"SUPPLIER\", \"comment\": \"Still broken\"}";

    private static final String VALID_INTERVIEW = "{\"reason\": \"INCIDENT_HANDLING\", \"incidentWeight\": 4, "
            + "\"mayContact\": true, \"comment\": \"Nobody called back\"}";

    @TestHTTPResource("/")
    URL service;

    @Test
    void hostileRequestsGetA4xxAndChangeNothing() throws Exception {
        String token = mailedSurvey(Customer.fresh(), false);
        Customer lapsed = Customer.fresh();
        report(lapsed, "en", true);
        String interview = mailedInterview(lapsed);
        JsonNode interviewSchema = mapper.readTree(getClass().getResource("/schemas/requests/interview-answer.json"));
        String analyst = AmendsTestStack.token("ana", "analyst");
        JsonNode schema = mapper.readTree(getClass().getResource("/schemas/requests/answer.json"));
        Predicate<String> rating = value -> value.strip().matches("[1-5]");
        String report = "/reports/recovery?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";
        String retention = "/reports/retention?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";
        Predicate<String> grouping = value -> List.of("category", "channel", "severity", "owner", "origin", "disruption")
                .contains(value);
        var requests = Arbitraries.frequencyOf(
                Tuple.of(10, HostileRequests.bodies("POST", "/surveys/" + token + "/answer", null, VALID_ANSWER, schema,
                        Map.of("/fairCompensation", List.of("3")))),
                Tuple.of(4, HostileRequests.forms("/s/" + token, Map.of("resolvedSatisfactorily", "NO", "satisfaction", "2"), Map.of(
                        "resolvedSatisfactorily", value -> List.of("YES", "PARTLY", "NO").contains(value.strip()),
                        "satisfaction", rating, "speed", rating, "fairCompensation", value -> false,
                        "comparedToBefore", value -> List.of("MORE", "SAME", "LESS").contains(value.strip()),
                        "cause", value -> List.of("ME", "COMPANY", "SUPPLIER", "PRODUCT", "DONT_KNOW").contains(value.strip()),
                        "comment", value -> value.strip().length() <= 2000))),
                Tuple.of(2, HostileRequests.pathValues("POST", "/surveys/{token}/answer", Map.of("token", token), null,
                        VALID_ANSWER, false)),
                Tuple.of(1, HostileRequests.pathValues("GET", "/s/{token}", Map.of("token", token), null, null, true)),
                Tuple.of(6, HostileRequests.bodies("POST", "/interviews/" + interview + "/answer", null, VALID_INTERVIEW,
                        interviewSchema, Map.of())),
                Tuple.of(3, HostileRequests.forms("/i/" + interview, Map.of("reason", "MOVED", "mayContact", "false"), Map.of(
                        "reason", value -> Arrays.stream(LapseReason.values())
                                .anyMatch(reason -> reason.name().equals(value.strip().toUpperCase(Locale.ROOT))),
                        "mayContact", value -> List.of("true", "false").contains(value.strip()),
                        "incidentWeight", rating, "comment", value -> value.strip().length() <= 2000))),
                Tuple.of(1, HostileRequests.pathValues("POST", "/interviews/{token}/answer", Map.of("token", interview), null,
                        VALID_INTERVIEW, false)),
                Tuple.of(1, HostileRequests.pathValues("GET", "/i/{token}", Map.of("token", interview), null, null, true)),
                Tuple.of(2, HostileRequests.tokens("GET", report, null, AmendsTestStack.keys(), Set.of("analyst"))),
                Tuple.of(1, HostileRequests.queryValues("GET", report, analyst, Map.of("groupBy", grouping))),
                Tuple.of(1, HostileRequests.tokens("GET", retention, null, AmendsTestStack.keys(), Set.of("analyst"))),
                Tuple.of(1, HostileRequests.queryValues("GET", retention, analyst, Map.of("groupBy", grouping))),
                Tuple.of(1, HostileRequests.queryValues("GET", "/reports/retention?groupBy=owner", analyst,
                        Map.of("from", value -> isDateTime(value), "to", value -> isDateTime(value)))),
                Tuple.of(1, HostileRequests.pathValues("GET", "/reports/disruptions/{id}",
                        Map.of("id", UUID.randomUUID().toString()), analyst, null, false)),
                Tuple.of(1, HostileRequests.tokens("GET", "/reports/disruptions/" + UUID.randomUUID(), null,
                        AmendsTestStack.keys(), Set.of("analyst"))),
                Tuple.of(1, HostileRequests.queryValues("GET", "/reports/recovery?groupBy=channel", analyst,
                        Map.of("from", value -> isDateTime(value), "to", value -> isDateTime(value)))),
                Tuple.of(1, HostileRequests.queryValues("GET", report.replace("recovery", "recovery/series"), analyst,
                        Map.of("interval", value -> List.of("day", "week", "month").contains(value)))),
                Tuple.of(1, HostileRequests.queryValues("GET", report.replace("recovery", "recovery/incidents")
                        + "&groupBy=owner&key=ola", analyst, Map.of("figure", value -> Arrays.stream(RecoveryFigures.Rate.values())
                        .anyMatch(rate -> rate.parameter().equals(value))))));

        var result = HostileRun.sendChangingNothing("survey", baseUrl(), requests, 1600, SEED, dataSource,
                AmendsTestStack.kafkaBootstrapServers(), Topics.SURVEYS, () -> {
                    // The link still works and the answer every mutation started from is accepted.
                    given().contentType(ContentType.JSON).body(VALID_ANSWER).post("/surveys/" + token + "/answer")
                            .then().statusCode(200);
                    return incidentOf(token);
                });

        assertThat(result.failures()).isEmpty();
        assertThat(result.sent()).isEqualTo(1600);
    }

    @jakarta.inject.Inject
    dev.amends.survey.service.SurveyTokens tokens;

    private String incidentOf(String token) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> dev.amends.survey.repository.Invitation
                .byTokenHash(tokens.hash(token), jakarta.persistence.LockModeType.NONE).orElseThrow().incidentId.toString());
    }

    private String baseUrl() {
        return service.toString().replaceAll("/$", "");
    }
}
