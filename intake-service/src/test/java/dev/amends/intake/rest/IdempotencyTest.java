package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.events.Topics;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdempotencyTest {

    @Inject
    DataSource dataSource;

    @Test
    void replaysTheFirstAnswerForTheSameKeyAndBody() {
        String key = UUID.randomUUID().toString();
        ObjectNode body = IncidentBodies.valid();

        Response first = post(Tokens.reporter(), key, body.toString());
        first.then().statusCode(201);
        // The same body with its keys in another order and other white space is the same body.
        String reordered = "{ \"customer\": " + body.get("customer") + ",\n" + body.deepCopy().without("customer").toString().substring(1);
        Response replay = post(Tokens.reporter(), key, reordered);

        replay.then().statusCode(201).header("Idempotency-Replayed", "true");
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(first.header("Idempotency-Replayed")).isNull();
        assertThat(incidentsOfCustomer(body)).isEqualTo(1);
    }

    @Test
    void rejectsTheSameKeyWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        ObjectNode body = IncidentBodies.valid();
        post(Tokens.reporter(), key, body.toString()).then().statusCode(201);

        body.put("summary", "Something else");
        post(Tokens.reporter(), key, body.toString())
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422));
        assertThat(incidentsOfCustomer(body)).isEqualTo(1);
    }

    @Test
    void scopesKeysPerClient() {
        String key = UUID.randomUUID().toString();
        ObjectNode body = IncidentBodies.valid();

        String first = post(Tokens.reporter("webshop-a"), key, body.toString()).then().statusCode(201).extract().path("id");
        String second = post(Tokens.reporter("webshop-b"), key, body.toString()).then().statusCode(201)
                .header("Idempotency-Replayed", (String) null).extract().path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(incidentsOfCustomer(body)).isEqualTo(2);
    }

    @Test
    void withoutKeyARetryIsANewIncident() {
        ObjectNode body = IncidentBodies.valid();
        post(Tokens.reporter(), null, body.toString()).then().statusCode(201);
        post(Tokens.reporter(), null, body.toString()).then().statusCode(201);

        assertThat(incidentsOfCustomer(body)).isEqualTo(2);
    }

    @Test
    void fiftyParallelPostsWithOneKeyMakeOneIncidentAndOneEvent() throws Exception {
        String key = UUID.randomUUID().toString();
        ObjectNode body = IncidentBodies.valid();
        String token = Tokens.reporter();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            posts.add(() -> post(token, key, body.toString()));
        }

        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : pool.invokeAll(posts)) {
            answers.add(answer.get());
        }
        pool.shutdown();

        Set<String> ids = new HashSet<>();
        for (Response answer : answers) {
            assertThat(answer.statusCode()).isIn(201, 409);
            if (answer.statusCode() == 201) {
                ids.add(answer.path("id"));
            } else {
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(incidentsOfCustomer(body)).isEqualTo(1);
        String id = ids.iterator().next();
        try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            topic.await(TopicReader.key(id), 1, Duration.ofSeconds(30));
            var records = topic.allPublished(dataSource, record -> id.equals(record.key()));
            assertThat(records).hasSize(1);
        }
    }

    private static Response post(String token, String key, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/incidents");
    }

    private long incidentsOfCustomer(ObjectNode body) {
        return new Rows(dataSource).count("select count(*) from incident where customer_id = ?",
                IncidentBodies.customer(body).get("id").asText());
    }
}
