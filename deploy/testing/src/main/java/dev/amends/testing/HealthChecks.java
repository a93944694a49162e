package dev.amends.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** What every service's health and operations endpoints answer; a service's {@code HealthTest} extends it. */
public abstract class HealthChecks {

    @Test
    void isReadyOnItsDatabaseAlone() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.name", not(hasItem("kafka")));
    }

    @Test
    void servesMetricsAndOpenApi() {
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
