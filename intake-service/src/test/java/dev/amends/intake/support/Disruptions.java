package dev.amends.intake.support;

import io.restassured.http.ContentType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Disruptions and affected lists the way a reporting system sends them. */
public final class Disruptions {

    /** A disruption of {@code source} declared with the webshop's token; answers its id. */
    public static String declare(String source, Instant startedAt, Instant endedAt) {
        return declare(Tokens.reporter(), source, startedAt, endedAt);
    }

    public static String declare(String token, String source, Instant startedAt, Instant endedAt) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(body(source, startedAt, endedAt))
                .post("/disruptions").then().statusCode(201).extract().path("id");
    }

    public static String body(String source, Instant startedAt, Instant endedAt) {
        return """
                {"source": "%s", "externalRef": "BATCH-%s", "category": "Delivery", "severity": "HIGH",
                 "summary": "Parcels of batch 17 delayed", "description": "The truck broke down.",
                 "startedAt": "%s", "endedAt": %s, "public": true}"""
                .formatted(source, UUID.randomUUID(), startedAt, endedAt == null ? "null" : "\"" + endedAt + "\"");
    }

    /** One NDJSON line: a customer of the list with an email. */
    public static String entry(String customerId) {
        return """
                {"customer": {"id": "%s", "name": "Kari Nordmann", "email": "kari@example.no", "locale": "nb-NO"}, "externalRef": "ORD-%s"}"""
                .formatted(customerId, customerId);
    }

    public static String ndjson(List<String> customerIds) {
        return customerIds.stream().map(Disruptions::entry).collect(Collectors.joining("\n", "", "\n"));
    }

    public static String array(List<String> customerIds) {
        return customerIds.stream().map(Disruptions::entry).collect(Collectors.joining(",", "[", "]"));
    }

    /** Adds the customers as NDJSON with the webshop's token; asserts the 200. */
    public static void addAffected(String disruptionId, List<String> customerIds) {
        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(utf8(ndjson(customerIds)))
                .post("/disruptions/" + disruptionId + "/affected").then().statusCode(200);
    }

    /** A source no other test uses, so that its disruptions and incidents are this test's alone. */
    public static String source() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code count} customer ids no other test uses. */
    public static List<String> customers(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "C-" + run + "-" + i).toList();
    }

    /** REST Assured sends text of a type it does not know as bytes only. */
    public static byte[] utf8(String body) {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Disruptions() {
    }
}
