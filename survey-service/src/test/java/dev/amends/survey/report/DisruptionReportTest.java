package dev.amends.survey.report;

import dev.amends.common.events.CaseResolved;
import dev.amends.common.events.CaseStatus;
import dev.amends.common.events.Cause;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.CustomerLapsed;
import dev.amends.common.events.DisruptionCustomersAffected;
import dev.amends.common.events.DisruptionCustomersHeldOut;
import dev.amends.common.events.DisruptionDeclared;
import dev.amends.common.events.EventData;
import dev.amends.common.events.IncidentLinked;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Origin;
import dev.amends.common.events.Outcome;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.events.ValueTier;
import dev.amends.common.events.Verdict;
import dev.amends.common.validation.RequestSchema;
import dev.amends.survey.support.SurveyTest;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/** GET /reports/disruptions/{id} and the origin and disruption groupings, from the events on the real topics (contract section 8). */
@QuarkusTest
class DisruptionReportTest extends SurveyTest {

    private final Random random = new Random();
    /** A window of its own, so no other test's incidents fall into the grouped figures. */
    private final Instant start = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(5_000_000)));

    @Test
    void countsTheCustomersOfEachGroupAndComparesTheReachedWithTheHoldout() throws Exception {
        UUID disruption = UUID.randomUUID();
        String key = disruption.toString();
        List<String> listed = refs(12);
        String notListed = refs(1).get(0);
        Instant reachedAt = start.plus(Duration.ofHours(2));
        publish(Topics.INCIDENTS, key, 1, new DisruptionDeclared(disruption, "webshop", "delivery", Severity.HIGH, false,
                start, null, start));
        publish(Topics.INCIDENTS, key, 2, new DisruptionCustomersAffected(disruption, listed, 12));
        // Three complained by themselves; one of them before the list arrived (linked afterwards).
        UUID firstComplaint = complaint(listed.get(0), disruption, start.plus(Duration.ofMinutes(10)));
        complaint(listed.get(1), disruption, start.plus(Duration.ofMinutes(20)));
        UUID beforeTheList = complaint(listed.get(2), null, start.plus(Duration.ofMinutes(5)));
        publish(Topics.INCIDENTS, beforeTheList.toString(), 2, new IncidentLinked(beforeTheList, disruption, reachedAt));
        complaint(notListed, disruption, start.plus(Duration.ofMinutes(30)));
        // Outreach reached six and set three aside, the same event redelivered.
        for (String reached : listed.subList(3, 9)) {
            report(reached, Origin.OUTREACH, disruption, reachedAt);
        }
        CloudEvent<EventData> heldOut = publish(Topics.INCIDENTS, key, 3,
                new DisruptionCustomersHeldOut(disruption, UUID.randomUUID(), listed.subList(9, 12), reachedAt));
        publishAgain(Topics.INCIDENTS, key, heldOut);
        // Afterwards one reached and one held-out customer complained, two lapsed, one lapsed before any of it.
        complaint(listed.get(3), disruption, reachedAt.plus(Duration.ofHours(1)));
        complaint(listed.get(9), disruption, reachedAt.plus(Duration.ofHours(1)));
        lapse(listed.get(4), reachedAt.plus(Duration.ofDays(40)));
        lapse(listed.get(10), reachedAt.plus(Duration.ofDays(50)));
        lapse(listed.get(5), start.minus(Duration.ofDays(3)));
        publish(Topics.CASES, firstComplaint.toString(), 1, new CaseResolved(firstComplaint, "per", 1, CaseStatus.RESOLVED,
                "per", Outcome.FIXED, Cause.COMPANY, Verdict.YES, start.plus(Duration.ofHours(5)), false));

        String json = given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get("/reports/disruptions/" + disruption)
                .then().statusCode(200).extract().asString();

        assertThat(RequestSchema.load("schemas/responses/disruption-report.json").violations(json)).isEmpty();
        JsonPath report = JsonPath.from(json);
        assertThat(report.getString("disruptionId")).isEqualTo(key);
        assertThat(report.getInt("affected")).isEqualTo(12);
        assertThat(report.getInt("complainedFirst")).isEqualTo(3);
        assertThat(report.getDouble("silentShare")).isEqualTo(0.75);
        assertThat(report.getInt("reachedByOutreach")).isEqualTo(6);
        assertThat(report.getInt("heldOut")).isEqualTo(3);
        assertThat(report.getInt("complainedAfterOutreach")).isEqualTo(1);
        assertThat(report.getInt("complainedNotListed")).isEqualTo(1);
        assertThat(report.getList("groups.key")).containsExactly("complainedFirst", "reachedByOutreach");
        // The reached customer's later complaint stays with the reached (intention to treat).
        assertThat(report.getInt("groups[0].incidents")).isEqualTo(3);
        assertThat(report.getInt("groups[0].resolved")).isEqualTo(1);
        assertThat(report.getString("groups[0].medianTimeToResolve")).isEqualTo("PT4H50M");
        assertThat(report.getInt("groups[1].incidents")).isEqualTo(7);
        assertThat(report.getInt("groups[1].resolved")).isZero();
        assertThat(report.getMap("outreachComparison.reachedByOutreach")).containsEntry("customers", 6)
                .containsEntry("complainedLater", 1).containsEntry("lapsed", 1);
        assertThat(report.getDouble("outreachComparison.reachedByOutreach.lapsedRate")).isCloseTo(1 / 6.0, within(1e-6));
        assertThat(report.getMap("outreachComparison.heldOut")).containsEntry("customers", 3)
                .containsEntry("complainedLater", 1).containsEntry("lapsed", 1);
        assertThat(report.getDouble("outreachComparison.heldOut.complainedLaterRate")).isCloseTo(1 / 3.0, within(1e-6));
    }

    @Test
    void groupsTheRecoveryReportByOriginAndByDisruption() {
        UUID disruption = UUID.randomUUID();
        List<String> customers = refs(3);
        complaint(customers.get(0), disruption, start.plusSeconds(1));
        report(customers.get(1), Origin.OUTREACH, disruption, start.plusSeconds(2));
        complaint(customers.get(2), null, start.plusSeconds(3));

        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("from", start.toString())
                .queryParam("to", start.plusSeconds(60).toString()).queryParam("groupBy", "origin").get("/reports/recovery")
                .then().statusCode(200).body("groupBy", equalTo("origin")).body("groups.key", equalTo(List.of("COMPLAINT", "OUTREACH")))
                .body("groups.incidents", equalTo(List.of(2, 1)));
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).queryParam("from", start.toString())
                .queryParam("to", start.plusSeconds(60).toString()).queryParam("groupBy", "disruption").get("/reports/recovery")
                .then().statusCode(200).body("groups.key", equalTo(List.of(disruption.toString(), "none")))
                .body("groups.incidents", equalTo(List.of(2, 1)));
    }

    @Test
    void answersNotFoundForAnUnknownDisruptionAndForbiddenToAnAgent() {
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get("/reports/disruptions/" + unknown)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AmendsTestStack.token("ana", "analyst")).get("/reports/disruptions/not-an-id")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AmendsTestStack.token("ola", "agent")).get("/reports/disruptions/" + unknown)
                .then().statusCode(403);
    }

    private UUID complaint(String customerRef, UUID disruption, Instant reportedAt) {
        return report(customerRef, Origin.COMPLAINT, disruption, reportedAt);
    }

    private UUID report(String customerRef, Origin origin, UUID disruption, Instant reportedAt) {
        UUID incident = UUID.randomUUID();
        publish(Topics.INCIDENTS, incident.toString(), 1, new IncidentReported(incident, "webshop", null,
                origin == Origin.OUTREACH ? Channel.OTHER : Channel.EMAIL, "delivery", Severity.HIGH, false, null, reportedAt,
                customerRef, "en", origin, disruption));
        return incident;
    }

    private void lapse(String customerRef, Instant lapsedAt) {
        publish(Topics.INCIDENTS, customerRef, 1, new CustomerLapsed(customerRef, lapsedAt, ValueTier.NORMAL));
    }

    private List<String> refs(int count) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            refs.add("k1:" + HexFormat.of().formatHex(bytes));
        }
        return refs;
    }
}
