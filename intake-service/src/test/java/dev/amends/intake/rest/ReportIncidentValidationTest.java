package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.ChunkedPost;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Every rule of contract section 4 and the bad inputs of section 2: a 400 problem naming every bad field, nothing stored, nothing published. */
@QuarkusTest
class ReportIncidentValidationTest {

    @Inject
    DataSource dataSource;

    @TestHTTPResource
    URL url;

    private Rows.Footprint before;

    @BeforeEach
    void rememberFootprint() {
        before = new Rows(dataSource).footprint();
    }

    @AfterEach
    void nothingStoredNorPublished() {
        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);
    }

    static Stream<Arguments> invalidBodies() {
        String tooFarAhead = Instant.now().plus(10, ChronoUnit.MINUTES).toString();
        return Stream.of(
                invalid("unknown property", body -> body.put("priority", 1), "priority"),
                invalid("unknown customer property", body -> customer(body).put("age", 40), "customer.age"),
                invalid("source missing", body -> body.remove("source"), "source"),
                invalid("source too long", body -> body.put("source", "a".repeat(65)), "source"),
                invalid("source with capitals", body -> body.put("source", "Web Shop"), "source"),
                invalid("source empty", body -> body.put("source", ""), "source"),
                invalid("source a number", body -> body.put("source", 42), "source"),
                invalid("externalRef empty", body -> body.put("externalRef", ""), "externalRef"),
                invalid("externalRef too long", body -> body.put("externalRef", "x".repeat(201)), "externalRef"),
                invalid("channel missing", body -> body.remove("channel"), "channel"),
                invalid("channel unknown", body -> body.put("channel", "FAX"), "channel"),
                invalid("channel lower-case", body -> body.put("channel", "email"), "channel"),
                invalid("category too long", body -> body.put("category", "c".repeat(65)), "category"),
                invalid("category empty", body -> body.put("category", ""), "category"),
                invalid("severity unknown", body -> body.put("severity", "URGENT"), "severity"),
                invalid("summary missing", body -> body.remove("summary"), "summary"),
                invalid("summary empty", body -> body.put("summary", ""), "summary"),
                invalid("summary blank", body -> body.put("summary", "   "), "summary"),
                invalid("summary too long", body -> body.put("summary", "s".repeat(201)), "summary"),
                invalid("summary null", body -> body.putNull("summary"), "summary"),
                invalid("description too long", body -> body.put("description", "d".repeat(10_001)), "description"),
                invalid("occurredAt not a date", body -> body.put("occurredAt", "yesterday"), "occurredAt"),
                invalid("occurredAt without offset", body -> body.put("occurredAt", "2026-11-20T10:00:00"), "occurredAt"),
                invalid("occurredAt in the future", body -> body.put("occurredAt", tooFarAhead), "occurredAt"),
                invalid("public a string", body -> body.put("public", "yes"), "public"),
                invalid("customer missing", body -> body.remove("customer"), "customer"),
                invalid("customer a string", body -> body.put("customer", "C-1"), "customer"),
                invalid("customer.id missing", body -> customer(body).remove("id"), "customer.id"),
                invalid("customer.id too long", body -> customer(body).put("id", "i".repeat(129)), "customer.id"),
                invalid("customer.name too long", body -> customer(body).put("name", "n".repeat(201)), "customer.name"),
                invalid("neither email nor phone", body -> customer(body).remove(List.of("email", "phone")), "customer.email"),
                invalid("email and phone null", body -> customer(body).putNull("email").putNull("phone"), "customer.email"),
                invalid("email without @", body -> customer(body).put("email", "kari.example.no"), "customer.email"),
                invalid("email with space", body -> customer(body).put("email", "kari nordmann@example.no"), "customer.email"),
                invalid("phone without +", body -> customer(body).put("phone", "4799999999"), "customer.phone"),
                invalid("phone too long", body -> customer(body).put("phone", "+1234567890123456"), "customer.phone"),
                invalid("locale malformed", body -> customer(body).put("locale", "not a tag"), "customer.locale"),
                invalid("every field wrong at once", body -> {
                    body.put("source", "BAD SOURCE").put("channel", "FAX").put("severity", "huge").put("extra", true)
                            .put("summary", "").put("occurredAt", tooFarAhead);
                    customer(body).remove("id");
                    customer(body).put("email", "nope").put("phone", "123").put("locale", "!!");
                }, "source", "channel", "severity", "extra", "summary", "occurredAt", "customer.id", "customer.email",
                        "customer.phone", "customer.locale"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void rejectsInvalidBodyListingEveryViolation(String description, Consumer<ObjectNode> breakIt, List<String> fields) {
        ObjectNode body = IncidentBodies.valid();
        breakIt.accept(body);

        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(body.toString())
                .when().post("/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("instance", equalTo("/incidents"))
                .body("violations.field", containsInAnyOrder(fields.toArray()));
    }

    @Test
    void rejectsMalformedJson() {
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body("{\"source\": \"webshop\",")
                .when().post("/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body(not(containsString("jackson")));
    }

    @Test
    void rejectsDuplicateKeysAndTrailingContent() {
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body("{\"source\": \"a\", \"source\": \"b\"}")
                .when().post("/incidents")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(IncidentBodies.valid() + " {}")
                .when().post("/incidents")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsBodiesThatAreNotObjects() {
        for (String body : List.of("", "[]", "42", "\"text\"", "null")) {
            given().auth().oauth2(Tokens.reporter())
                    .contentType(ContentType.JSON).body(body)
                    .when().post("/incidents")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void rejectsBodyOver64KiB() {
        ObjectNode body = IncidentBodies.valid();
        body.put("description", "d".repeat(70_000));

        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(body.toString())
                .when().post("/incidents")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413)).body("instance", equalTo("/incidents"));
    }

    @Test
    void rejectsAChunkedBodyOver64KiBAsTheSameBodyWithItsLength() throws Exception {
        ObjectNode body = IncidentBodies.valid();
        body.put("description", "d".repeat(70_000));

        ChunkedPost.Answer answer = ChunkedPost.send("POST", url.toURI().resolve("/incidents"),
                Map.of("Authorization", "Bearer " + Tokens.reporter(), "Content-Type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":413").contains("\"instance\":\"/incidents\"");
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() throws Exception {
        Rows rows = new Rows(dataSource);
        ChunkedPost.Answer answer = ChunkedPost.send("POST", url.toURI().resolve("/incidents"),
                Map.of("Authorization", "Bearer " + Tokens.reporter(), "Content-Type", "application/json"),
                IncidentBodies.valid().toString().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(201);
        before = rows.footprint(); // this one is meant to be stored
    }

    @Test
    void sixteenConcurrentTenMegabyteChunkedBodiesAreCutOffAndOtherRequestsGoOn() throws Exception {
        byte[] prefix = "{\"source\": \"webshop\", \"summary\": \"".getBytes(StandardCharsets.UTF_8);
        var pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<ChunkedPost.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> ChunkedPost.send("POST", url.toURI().resolve("/incidents"),
                        Map.of("Authorization", "Bearer " + Tokens.reporter(), "Content-Type", "application/json"),
                        10L * 1024 * 1024, ChunkedPost.padded(prefix, (byte) 'x'))));
            }
            given().auth().oauth2(Tokens.agent()).when().get("/incidents?size=1").then().statusCode(200);
            for (Future<ChunkedPost.Answer> each : answers) {
                ChunkedPost.Answer answer = each.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).isEqualTo(413);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                // The server stopped reading near the limit: far less than the 10 MB reached it.
                assertThat(answer.bytesWritten()).isLessThan(10L * 1024 * 1024);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsOtherContentTypes() {
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.TEXT).body(IncidentBodies.valid().toString())
                .when().post("/incidents")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void rejectsBadIdempotencyKey() {
        given().auth().oauth2(Tokens.reporter()).header("Idempotency-Key", "k".repeat(256))
                .contentType(ContentType.JSON).body(IncidentBodies.valid().toString())
                .when().post("/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("Idempotency-Key"));
    }

    private static Arguments invalid(String description, Consumer<ObjectNode> breakIt, String... fields) {
        return Arguments.of(description, breakIt, List.of(fields));
    }

    private static ObjectNode customer(ObjectNode body) {
        return IncidentBodies.customer(body);
    }
}
