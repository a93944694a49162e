package dev.amends.intake.rest;

import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** /q/metrics: incidents reported count what committed (a replay is not a new incident), the outbox's lag. */
@QuarkusTest
class MetricsTest {

    private static final String REPORTED = "amends_incidents_reported_total";

    @Test
    void countsEveryIncidentOnceAndShowsTheOutboxLag() {
        double before = PrometheusText.value(metrics(), REPORTED, "channel=\"EMAIL\"");
        String body = IncidentBodies.valid().put("channel", "EMAIL").toString();
        String key = "metrics-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/incidents").then().statusCode(201);
        }
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body("{}").post("/incidents")
                .then().statusCode(400);

        String after = metrics();
        assertThat(PrometheusText.value(after, REPORTED, "channel=\"EMAIL\"")).isEqualTo(before + 1);
        assertThat(PrometheusText.has(after, "amends_outbox_unsent_events")).isTrue();
        assertThat(PrometheusText.has(after, "amends_outbox_oldest_unsent_age_seconds")).isTrue();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
