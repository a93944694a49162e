package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.intake.support.Disruptions;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.ApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document intake serves describes its real answers, and its request schema is the one intake validates with. */
@QuarkusTest
class ApiDocumentTest {

    @Test
    void describesTheAnswersOfEveryOperation() {
        ApiDocument document = ApiDocument.served();
        String key = UUID.randomUUID().toString();
        ObjectNode body = IncidentBodies.valid();
        body.put("externalRef", "ORD-" + key);

        Response created = document.assertDescribes("POST", "/incidents", report(body, key));
        assertThat(created.statusCode()).isEqualTo(201);
        Response replayed = document.assertDescribes("POST", "/incidents", report(body, key));
        assertThat(replayed.header("Idempotency-Replayed")).isEqualTo("true");
        String id = created.path("id");

        Response found = document.assertDescribes("GET", "/incidents/{id}",
                given().auth().oauth2(Tokens.reporter()).when().get("/incidents/" + id).andReturn());
        assertThat(found.statusCode()).isEqualTo(200);
        Response listed = document.assertDescribes("GET", "/incidents", given().auth().oauth2(Tokens.reporter())
                .queryParam("externalRef", "ORD-" + key).when().get("/incidents").andReturn());
        assertThat(listed.jsonPath().getList("id")).containsExactly(id);
        Response erased = document.assertDescribes("DELETE", "/customers/{customerId}/personal-data",
                given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                        .when().delete("/customers/no-such-customer-" + key + "/personal-data").andReturn());
        assertThat(erased.statusCode()).isEqualTo(204);

        String source = "shop-" + key.substring(0, 8);
        Response declared = document.assertDescribes("POST", "/disruptions", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(Disruptions.body(source, Instant.parse("2026-11-30T08:00:00Z"), null))
                .when().post("/disruptions").andReturn());
        assertThat(declared.statusCode()).isEqualTo(201);
        String disruption = declared.path("id");
        Response added = document.assertDescribes("POST", "/disruptions/{id}/affected", given().auth().oauth2(Tokens.reporter())
                .contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.ndjson(List.of("C-1-" + key, "C-2-" + key))))
                .when().post("/disruptions/" + disruption + "/affected").andReturn());
        assertThat(added.<Integer>path("added")).isEqualTo(2);
        Response ended = document.assertDescribes("PATCH", "/disruptions/{id}", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body("{\"endedAt\": \"2026-11-30T18:00:00Z\"}")
                .when().patch("/disruptions/" + disruption).andReturn());
        assertThat(ended.statusCode()).isEqualTo(200);
        Response disruptionFound = document.assertDescribes("GET", "/disruptions/{id}",
                given().auth().oauth2(Tokens.analyst()).when().get("/disruptions/" + disruption).andReturn());
        assertThat(disruptionFound.<Integer>path("affected")).isEqualTo(2);
        Response disruptions = document.assertDescribes("GET", "/disruptions", given().auth().oauth2(Tokens.agent())
                .queryParam("source", source).when().get("/disruptions").andReturn());
        assertThat(disruptions.jsonPath().getList("id")).containsExactly(disruption);

        Response outreach = document.assertDescribes("POST", "/disruptions/{id}/outreach", given().auth().oauth2(Tokens.agent())
                .contentType(ContentType.JSON).body("{\"holdout\": 0.5}").when().post("/disruptions/" + disruption + "/outreach")
                .andReturn());
        assertThat(outreach.statusCode()).isEqualTo(202);
        Response progress = document.assertDescribes("GET", "/disruptions/{id}/outreach/{runId}",
                given().auth().oauth2(Tokens.analyst()).when().get(outreach.header("Location")).andReturn());
        assertThat(progress.<Integer>path("toOpen")).isEqualTo(2);
        String lapse = "{\"source\": \"webshop\", \"customerId\": \"C-doc-" + UUID.randomUUID()
                + "\", \"lapsedAt\": \"2026-11-01T00:00:00Z\"}";
        Response lapsed = document.assertDescribes("POST", "/lapses", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(lapse).when().post("/lapses").andReturn());
        assertThat(lapsed.statusCode()).isEqualTo(201);
        Response lapsedAgain = document.assertDescribes("POST", "/lapses", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(lapse).when().post("/lapses").andReturn());
        assertThat(lapsedAgain.statusCode()).isEqualTo(200);
        Response returned = document.assertDescribes("POST", "/returns", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(lapse.replace("lapsedAt", "returnedAt")).when().post("/returns")
                .andReturn());
        assertThat(returned.statusCode()).isEqualTo(201);
        Response lapseFound = document.assertDescribes("GET", "/lapses/{id}", given().auth().oauth2(Tokens.agent())
                .when().get(lapsed.header("Location")).andReturn());
        assertThat(lapseFound.statusCode()).isEqualTo(200);
        Response returnFound = document.assertDescribes("GET", "/returns/{id}", given().auth().oauth2(Tokens.reporter())
                .when().get(returned.header("Location")).andReturn());
        assertThat(returnFound.statusCode()).isEqualTo(200);

        document.assertEveryOperationChecked();
    }

    @Test
    void describesTheProblemAnswers() {
        ApiDocument document = ApiDocument.served();
        String key = UUID.randomUUID().toString();
        ObjectNode body = IncidentBodies.valid();
        report(body, key);

        ObjectNode bad = IncidentBodies.valid().put("channel", "PIGEON");
        Response invalid = document.assertDescribes("POST", "/incidents", report(bad, null));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.jsonPath().getList("violations.field")).contains("channel");
        Response reused = document.assertDescribes("POST", "/incidents", report(IncidentBodies.valid(), key));
        assertThat(reused.statusCode()).isEqualTo(422);
        Response wrongType = document.assertDescribes("POST", "/incidents", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.TEXT).body("hello").when().post("/incidents").andReturn());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        Response tooLarge = document.assertDescribes("POST", "/incidents", given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body("{\"summary\": \"" + "x".repeat(70_000) + "\"}").when().post("/incidents")
                .andReturn());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        Response noToken = document.assertDescribes("GET", "/incidents", given().when().get("/incidents").andReturn());
        assertThat(noToken.statusCode()).isEqualTo(401);
        Response wrongRole = document.assertDescribes("GET", "/incidents",
                given().auth().oauth2(Tokens.analyst()).when().get("/incidents").andReturn());
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        Response badFilter = document.assertDescribes("GET", "/incidents",
                given().auth().oauth2(Tokens.agent()).queryParam("size", 501).when().get("/incidents").andReturn());
        assertThat(badFilter.statusCode()).isEqualTo(400);
        Response unknown = document.assertDescribes("GET", "/incidents/{id}",
                given().auth().oauth2(Tokens.agent()).when().get("/incidents/" + UUID.randomUUID()).andReturn());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void documentsTheRequestSchemaIntakeValidatesWith() throws Exception {
        JsonNode document = ApiDocument.served().json();
        for (String component : List.of("ReportIncident", "Customer", "AffectedCustomer", "DeclareDisruption", "RecordLapse", "RecordReturn")) {
            String file = component.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".json";
            JsonNode validated;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/requests/" + file)) {
                validated = new ObjectMapper().readTree(in);
            }
            ((ObjectNode) validated).remove(List.of("$schema", "$id"));
            if (validated.at("/properties/customer").has("$ref")) {
                ((ObjectNode) validated.at("/properties/customer")).put("$ref", "#/components/schemas/Customer");
            }

            assertThat(document.at("/components/schemas/" + component)).as(component).isEqualTo(validated);
        }
    }

    private static Response report(ObjectNode body, String idempotencyKey) {
        var request = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body.toString());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/incidents").andReturn();
    }
}
