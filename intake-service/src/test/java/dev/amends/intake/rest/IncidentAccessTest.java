package dev.amends.intake.rest;

import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import dev.amends.local.DevKeys;
import dev.amends.testing.AmendsTestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** 401 without or with a bad token, 403 with the wrong role, 404 for another reporter's incident. */
@QuarkusTest
class IncidentAccessTest {

    private static String incidentId;

    @BeforeEach
    void reportOne() {
        if (incidentId != null) {
            return;
        }
        incidentId = given().auth().oauth2(Tokens.reporter("webshop-a"))
                .contentType(ContentType.JSON).body(IncidentBodies.valid().toString())
                .when().post("/incidents")
                .then().statusCode(201).extract().path("id");
    }

    /** Every endpoint of intake: a request without its Authorization header. */
    private static List<Function<RequestSpecification, io.restassured.response.Response>> endpoints() {
        return List.of(
                r -> r.contentType(ContentType.JSON).body(IncidentBodies.valid().toString()).post("/incidents"),
                r -> r.get("/incidents/" + incidentId),
                r -> r.get("/incidents"));
    }

    @Test
    void rejectsRequestsWithoutToken() {
        for (var endpoint : endpoints()) {
            endpoint.apply(given()).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401));
        }
    }

    @Test
    void rejectsExpiredForgedAndForeignTokens() {
        DevKeys keys = AmendsTestStack.keys();
        List<String> badTokens = List.of(
                keys.expiredToken("webshop-a", "reporter", "agent"),
                DevKeys.forgedToken("webshop-a", "reporter", "agent"),
                keys.token("https://someone-else.example", "webshop-a", Duration.ofMinutes(5), "reporter", "agent"),
                "not-a-jwt",
                unsignedToken());
        for (String token : badTokens) {
            for (var endpoint : endpoints()) {
                endpoint.apply(given().auth().oauth2(token)).then().statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", "Bearer");
            }
        }
    }

    @Test
    void rejectsWrongRoles() {
        given().auth().oauth2(Tokens.agent()).contentType(ContentType.JSON).body(IncidentBodies.valid().toString())
                .when().post("/incidents").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.contactReader()).contentType(ContentType.JSON).body(IncidentBodies.valid().toString())
                .when().post("/incidents").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.analyst()).when().get("/incidents/" + incidentId)
                .then().statusCode(403).contentType("application/problem+json");
        for (String token : List.of(Tokens.contactReader(), Tokens.analyst())) {
            given().auth().oauth2(token).when().get("/incidents").then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void reporterSeesOnlyItsOwnIncidents() {
        given().auth().oauth2(Tokens.reporter("webshop-a")).when().get("/incidents/" + incidentId)
                .then().statusCode(200).body("id", equalTo(incidentId));
        given().auth().oauth2(Tokens.reporter("webshop-b")).when().get("/incidents/" + incidentId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void agentsAndContactReadersSeeEveryIncident() {
        given().auth().oauth2(Tokens.agent()).when().get("/incidents/" + incidentId)
                .then().statusCode(200).body("customer.email", equalTo("kari@example.no"));
        given().auth().oauth2(Tokens.contactReader()).when().get("/incidents/" + incidentId)
                .then().statusCode(200).body("customer.email", equalTo("kari@example.no"));
    }

    @Test
    void answersNotFoundForUnknownOrMalformedIds() {
        for (String id : List.of("2f1c5a3e-0000-4000-8000-000000000000", "not-a-uuid", incidentId.toUpperCase())) {
            given().auth().oauth2(Tokens.agent()).when().get("/incidents/" + id)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }
    }

    /** alg "none": a token nobody signed. */
    private static String unsignedToken() {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = encoder.encodeToString(("{\"iss\":\"" + DevKeys.ISSUER + "\",\"sub\":\"webshop-a\",\"upn\":\"webshop-a\","
                + "\"groups\":[\"reporter\",\"agent\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes());
        return header + "." + claims + ".";
    }
}
