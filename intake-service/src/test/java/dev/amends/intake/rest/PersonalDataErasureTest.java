package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** DELETE /customers/{customerId}/personal-data: every incident of the customer loses name, email and phone. */
@QuarkusTest
class PersonalDataErasureTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void erasesNameEmailAndPhoneFromEveryIncidentOfTheCustomerAndPublishesOnce() throws Exception {
        var body = IncidentBodies.valid();
        String customerId = IncidentBodies.customer(body).get("id").asText();
        String first = post(body.toString());
        String second = post(body.toString());
        var other = IncidentBodies.valid();
        String untouched = post(other.toString());
        String customerRef = IncidentBodies.customerRef("webshop", customerId);

        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                .delete("/customers/" + customerId + "/personal-data").then().statusCode(204);

        for (String id : List.of(first, second)) {
            given().auth().oauth2(Tokens.agent()).get("/incidents/" + id).then().statusCode(200)
                    .body("customer.id", equalTo(customerId)).body("customer.name", nullValue())
                    .body("customer.email", nullValue()).body("customer.phone", nullValue())
                    .body("customer.locale", equalTo("nb-NO")).body("customerRef", equalTo(customerRef))
                    .body("summary", equalTo("Wrong item delivered")).body("personalDataErasedAt", notNullValue());
        }
        given().auth().oauth2(Tokens.agent()).get("/incidents/" + untouched).then()
                .body("customer.email", equalTo("kari@example.no")).body("personalDataErasedAt", nullValue());

        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                .delete("/customers/" + customerId + "/personal-data").then().statusCode(204);
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            incidents.await(TopicReader.key(customerRef), 1, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> erased = incidents.allPublished(dataSource, TopicReader.key(customerRef));
            assertThat(erased).hasSize(1);
            String value = erased.get(0).value();
            assertThat(RequestSchema.load(EventType.CUSTOMER_PERSONAL_DATA_ERASED.schemaResource()).violations(value)).isEmpty();
            JsonNode event = mapper.readTree(value);
            assertThat(event.get("type").asText()).isEqualTo(EventType.CUSTOMER_PERSONAL_DATA_ERASED.type());
            assertThat(event.get("subject").asText()).isEqualTo(customerRef);
            assertThat(event.at("/data/customerRef").asText()).isEqualTo(customerRef);
            assertThat(value).doesNotContain(customerId).doesNotContain("Kari");
        }
    }

    @Test
    void aReplayAfterTheErasureAnswersWithoutTheErasedData() {
        var body = IncidentBodies.valid();
        String customerId = IncidentBodies.customer(body).get("id").asText();
        String key = "erase-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.reporter()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body.toString()).post("/incidents").then().statusCode(201).body("customer.email", equalTo("kari@example.no"));

        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                .delete("/customers/" + customerId + "/personal-data").then().statusCode(204);

        String replay = given().auth().oauth2(Tokens.reporter()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body.toString()).post("/incidents")
                .then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("customer.id", equalTo(customerId)).body("customer.name", nullValue())
                .body("customer.email", nullValue()).body("customer.phone", nullValue())
                .body("personalDataErasedAt", notNullValue()).extract().asString();
        assertThat(replay).doesNotContain("Kari").doesNotContain("kari@example.no").doesNotContain("+4799999999");
    }

    @Test
    void aCustomerSeenUnderTwoSecretVersionsIsErasedUnderBoth() throws Exception {
        var body = IncidentBodies.valid();
        String customerId = IncidentBodies.customer(body).get("id").asText();
        String current = post(body.toString());
        String currentRef = IncidentBodies.customerRef("webshop", customerId);
        // An incident stored before the secret was rotated to k1: the same customer under k0.
        String oldRef = "k0:" + "ab".repeat(32);
        try (var connection = dataSource.getConnection();
             var insert = connection.prepareStatement("""
                     insert into incident (id, reporter, source, external_ref, channel, category, severity, summary,
                         description, occurred_at, is_public, customer_id, customer_name, customer_email, customer_phone,
                         customer_locale, customer_ref, reported_at)
                     select gen_random_uuid(), reporter, source, external_ref, channel, category, severity, summary,
                         description, occurred_at, is_public, customer_id, customer_name, customer_email, customer_phone,
                         customer_locale, ?, reported_at - interval '400 days' from incident where id = ?::uuid""")) {
            insert.setString(1, oldRef);
            insert.setString(2, current);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                .delete("/customers/" + customerId + "/personal-data").then().statusCode(204);

        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            for (String customerRef : List.of(currentRef, oldRef)) {
                incidents.await(TopicReader.key(customerRef), 1, Duration.ofSeconds(30));
            }
            List<ConsumerRecord<String, String>> erased = incidents.allPublished(dataSource,
                    record -> record.key().equals(currentRef) || record.key().equals(oldRef));
            assertThat(erased).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(currentRef, oldRef);
            for (ConsumerRecord<String, String> record : erased) {
                assertThat(mapper.readTree(record.value()).at("/data/customerRef").asText()).isEqualTo(record.key());
            }
        }
    }

    @Test
    void anUnknownCustomerIsANoContentAndPublishesNothing() {
        String customerId = "C-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                .delete("/customers/" + customerId + "/personal-data").then().statusCode(204);
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            String customerRef = IncidentBodies.customerRef("webshop", customerId);
            assertThat(incidents.allPublished(dataSource, TopicReader.key(customerRef))).isEmpty();
        }
    }

    @Test
    void rejectsAMissingOrBadSource() {
        given().auth().oauth2(Tokens.agent()).delete("/customers/C-1/personal-data").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("source"));
        given().auth().oauth2(Tokens.agent()).queryParam("source", "Web Shop").delete("/customers/C-1/personal-data")
                .then().statusCode(400).body("violations.field", hasItem("source"));
        given().auth().oauth2(Tokens.agent()).queryParam("source", "webshop")
                .delete("/customers/" + "x".repeat(129) + "/personal-data").then().statusCode(400)
                .body("violations.field", hasItem("customerId"));
    }

    @Test
    void onlyAgentsErase() {
        given().queryParam("source", "webshop").delete("/customers/C-1/personal-data").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        for (String token : List.of(Tokens.reporter(), Tokens.analyst(), Tokens.contactReader())) {
            given().auth().oauth2(token).queryParam("source", "webshop").delete("/customers/C-1/personal-data")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    private static String post(String body) {
        return given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(body)
                .post("/incidents").then().statusCode(201).extract().path("id");
    }
}
