package dev.amends.intake.rest;

import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import dev.amends.local.servers.LocalPostgres;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** With the database down intake answers 503 with Retry-After and reports itself not ready; then it recovers. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.PrivateDatabase.class)
class DatabaseOutageTest {

    /** This test stops its own PostgreSQL; the other tests never see the outage. */
    public static class PrivateDatabase implements QuarkusTestProfile, AmendsTestStack.PrivatePostgres {
    }

    @Test
    void answersServiceUnavailableWhileTheDatabaseIsDownAndRecovers() throws Exception {
        String id = report().then().statusCode(201).extract().path("id");
        Path database = AmendsTestStack.privatePostgresFolder();

        LocalPostgres.stopFast(database);
        try {
            report().then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body(not(containsString("Exception")));
            given().auth().oauth2(Tokens.agent()).when().get("/incidents/" + id)
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
            given().when().get("/q/health/ready").then().statusCode(503);
            given().when().get("/q/health/live").then().statusCode(200);
            readinessAnswersWithinASecondUnderLoad();
        } finally {
            LocalPostgres.startAgain(database);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report().then().statusCode(201));
        given().auth().oauth2(Tokens.agent()).when().get("/incidents/" + id).then().statusCode(200);
    }

    /** Kubernetes' probe gives up after 1 s: with requests queueing for the pool, readiness must still answer 503 in time. */
    private static void readinessAnswersWithinASecondUnderLoad() throws Exception {
        var load = java.util.concurrent.Executors.newFixedThreadPool(48);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (int i = 0; i < 48; i++) {
                load.submit(() -> {
                    while (!stop.get()) {
                        report();
                    }
                });
            }
            Thread.sleep(2000);
            for (int probe = 0; probe < 10; probe++) {
                long started = System.nanoTime();
                given().when().get("/q/health/ready").then().statusCode(503);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.println("[outage] readiness answered 503 in " + took.toMillis() + " ms");
                assertThat(took).isLessThan(Duration.ofSeconds(1));
                Thread.sleep(300);
            }
        } finally {
            stop.set(true);
            load.shutdown();
            load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static io.restassured.response.Response report() {
        return given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body(IncidentBodies.valid().toString())
                .when().post("/incidents");
    }
}
