package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class IncidentSearchTest {

    /** A source only this test class reports under, so other tests' incidents never match. */
    private static final String SOURCE = "search-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> CHANNELS = List.of("EMAIL", "PHONE", "WEB", "PHONE", "CHAT");
    private static final List<String> idsOldestFirst = new ArrayList<>();
    private static final List<String> reportedAtOldestFirst = new ArrayList<>();
    private static String sharedCustomer;

    @BeforeEach
    void reportFive() throws InterruptedException {
        if (!idsOldestFirst.isEmpty()) {
            return;
        }
        for (int i = 0; i < CHANNELS.size(); i++) {
            ObjectNode body = IncidentBodies.valid();
            body.put("source", SOURCE).put("channel", CHANNELS.get(i));
            if (i % 2 == 0) {
                IncidentBodies.customer(body).put("id", "shared-customer-" + SOURCE);
                sharedCustomer = "shared-customer-" + SOURCE;
            }
            Response created = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                    .body(body.toString()).when().post("/incidents").then().statusCode(201).extract().response();
            idsOldestFirst.add(created.path("id"));
            reportedAtOldestFirst.add(created.path("reportedAt"));
            Thread.sleep(5); // distinct reportedAt milliseconds, so from/to have clear edges
        }
    }

    @Test
    void listsNewestFirstWithTotalCount() {
        List<String> ids = given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE)
                .when().get("/incidents")
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("X-Total-Count", "5")
                .header("Link", (String) null)
                .extract().jsonPath().getList("id");

        List<String> newestFirst = new ArrayList<>(idsOldestFirst);
        java.util.Collections.reverse(newestFirst);
        assertThat(ids).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void pagesWithNextAndPrevLinks() {
        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("size", 2)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "5")
                .body("size()", equalTo(2))
                .body("[0].id", equalTo(idsOldestFirst.get(4)))
                .header("Link", containsString("page=1"))
                .header("Link", containsString("rel=\"next\""))
                .header("Link", not(containsString("rel=\"prev\"")));

        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("size", 2).queryParam("page", 1)
                .when().get("/incidents")
                .then().statusCode(200)
                .body("[0].id", equalTo(idsOldestFirst.get(2)))
                .header("Link", containsString("page=2&size=2>; rel=\"next\""))
                .header("Link", containsString("page=0&size=2>; rel=\"prev\""))
                .header("Link", containsString("source=" + SOURCE));

        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("size", 2).queryParam("page", 2)
                .when().get("/incidents")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .header("Link", not(containsString("rel=\"next\"")))
                .header("Link", containsString("rel=\"prev\""));
    }

    @Test
    void filtersCombineWithAnd() {
        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("channel", "PHONE")
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "2")
                .body("channel", org.hamcrest.Matchers.everyItem(equalTo("PHONE")));

        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("customerId", sharedCustomer)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "3");

        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("customerId", sharedCustomer)
                .queryParam("channel", "EMAIL")
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "1")
                .body("[0].id", equalTo(idsOldestFirst.get(0)));
    }

    @Test
    void aReporterFindsItsOwnIncidentByExternalRefAndSeesNoOtherReportersOnes() {
        String externalRef = "ORD-" + UUID.randomUUID();
        String mine = reportAs(Tokens.reporter("webshop-a"), externalRef);
        String theirs = reportAs(Tokens.reporter("webshop-b"), externalRef);

        given().auth().oauth2(Tokens.reporter("webshop-a")).queryParam("externalRef", externalRef)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "1")
                .body("[0].id", equalTo(mine)).body("[0].externalRef", equalTo(externalRef));
        given().auth().oauth2(Tokens.reporter("webshop-b")).queryParam("externalRef", externalRef)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "1").body("[0].id", equalTo(theirs));
        given().auth().oauth2(Tokens.reporter("webshop-c")).queryParam("externalRef", externalRef)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "0");
        List<String> both = given().auth().oauth2(Tokens.agent()).queryParam("externalRef", externalRef)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "2").extract().jsonPath().getList("id");
        assertThat(both).containsExactly(theirs, mine);
    }

    @Test
    void aReportersOwnListingTakesTheSameFiltersAndRefusesBadOnes() {
        given().auth().oauth2(Tokens.reporter()).queryParam("source", SOURCE).queryParam("channel", "PHONE")
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "2");
        given().auth().oauth2(Tokens.reporter()).queryParam("channel", "PIGEON").queryParam("externalRef", "x".repeat(201))
                .when().get("/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("channel", "externalRef"));
    }

    @Test
    void anExternalRefOfAnyTextMatchesOnlyItselfAndBreaksNothing() {
        for (String hostile : List.of("'; drop table incident; --", "%", "_", "\\", "\uD83D\uDE00 ORD", "\u202Eevil")) {
            given().auth().oauth2(Tokens.agent()).queryParam("externalRef", hostile)
                    .when().get("/incidents")
                    .then().statusCode(200).header("X-Total-Count", "0");
        }
    }

    @Test
    void rejectsControlCharactersInTextFiltersInsteadOfFailing() {
        for (String filter : List.of("source", "customerId", "externalRef")) {
            given().auth().oauth2(Tokens.agent()).queryParam(filter, "ORD\u0000-1")
                    .when().get("/incidents")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", org.hamcrest.Matchers.contains(filter));
        }
    }

    private static String reportAs(String token, String externalRef) {
        ObjectNode body = IncidentBodies.valid();
        body.put("source", SOURCE + "-refs").put("externalRef", externalRef);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString())
                .when().post("/incidents").then().statusCode(201).extract().path("id");
    }

    @Test
    void fromIsInclusiveAndToExclusiveOnReportedAt() {
        List<String> ids = given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE)
                .queryParam("from", reportedAtOldestFirst.get(1)).queryParam("to", reportedAtOldestFirst.get(3))
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "2")
                .extract().jsonPath().getList("id");

        assertThat(ids).containsExactly(idsOldestFirst.get(2), idsOldestFirst.get(1));
    }

    @Test
    void acceptsOffsetsInFromAndTo() {
        String from = java.time.Instant.parse(reportedAtOldestFirst.get(0)).atOffset(java.time.ZoneOffset.ofHours(2)).toString();
        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("from", from)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "5");
    }

    @Test
    void rejectsBadParametersWithEveryViolation() {
        given().auth().oauth2(Tokens.agent())
                .queryParam("size", 501).queryParam("page", -1).queryParam("channel", "FAX")
                .queryParam("from", "yesterday").queryParam("to", "2026-13-01T00:00:00Z")
                .when().get("/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("size", "page", "channel", "from", "to"));
        given().auth().oauth2(Tokens.agent()).queryParam("size", 0).when().get("/incidents").then().statusCode(400);
        given().auth().oauth2(Tokens.agent()).queryParam("size", "ten").when().get("/incidents").then().statusCode(400);
        given().auth().oauth2(Tokens.agent()).queryParam("size", 500).when().get("/incidents").then().statusCode(200);
    }

    @Test
    void rejectsPagesDeeperThanAMillionRowsInsteadOfOverflowing() {
        for (String[] pageAndSize : new String[][] {{"42949673", "50"}, {"4294968", "500"}, {"2147483647", "500"}, {"20000", "50"}}) {
            given().auth().oauth2(Tokens.agent()).queryParam("page", pageAndSize[0]).queryParam("size", pageAndSize[1])
                    .when().get("/incidents")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", org.hamcrest.Matchers.contains("page"));
        }
        given().auth().oauth2(Tokens.agent()).queryParam("source", SOURCE).queryParam("page", 1999).queryParam("size", 500)
                .when().get("/incidents")
                .then().statusCode(200).header("X-Total-Count", "5").body("size()", equalTo(0));
    }
}
