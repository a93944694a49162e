package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ReportIncidentTest {

    private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void recordsIncidentAndPublishesItsEventWithoutPersonalData() throws Exception {
        var body = IncidentBodies.valid();
        String customerId = IncidentBodies.customer(body).get("id").asText();
        Instant before = Instant.now().minusMillis(1);

        Response response = given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(body.toString())
                .when().post("/incidents")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern("/incidents/" + UUID))
                .body("id", matchesPattern(UUID))
                .body("source", equalTo("webshop"))
                .body("externalRef", equalTo("ORD-1234"))
                .body("channel", equalTo("EMAIL"))
                .body("category", equalTo("delivery"))
                .body("severity", equalTo("HIGH"))
                .body("summary", equalTo("Wrong item delivered"))
                .body("description", equalTo("Ordered a blue chair, got a red stool."))
                .body("occurredAt", equalTo("2026-11-20T10:00:00.500Z"))
                .body("public", equalTo(false))
                .body("customer.id", equalTo(customerId))
                .body("customer.name", equalTo("Kari Nordmann"))
                .body("customer.email", equalTo("kari@example.no"))
                .body("customer.phone", equalTo("+4799999999"))
                .body("customer.locale", equalTo("nb-NO"))
                .body("reportedAt", matchesPattern(INSTANT))
                .body("customerRef", equalTo(IncidentBodies.customerRef("webshop", customerId)))
                .body("personalDataErasedAt", nullValue())
                .extract().response();

        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo("/incidents/" + id);
        Instant reportedAt = Instant.parse(response.path("reportedAt"));
        assertThat(reportedAt).isBetween(before, Instant.now());
        assertThat(new Rows(dataSource).count("select count(*) from incident where id = ?::uuid and customer_id = ?",
                id, customerId)).isEqualTo(1);

        try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<ConsumerRecord<String, String>> records = topic.await(TopicReader.key(id), 1, Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("application/cloudevents+json");
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

            assertThat(RequestSchema.load(EventType.INCIDENT_REPORTED.schemaResource()).violations(record.value())).isEmpty();
            JsonNode event = mapper.readTree(record.value());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("id").asText()).matches(UUID);
            assertThat(event.get("source").asText()).isEqualTo("/intake-service");
            assertThat(event.get("type").asText()).isEqualTo("dev.amends.incident.reported.v1");
            assertThat(event.get("subject").asText()).isEqualTo(id);
            assertThat(event.get("time").asText()).isEqualTo(response.<String>path("reportedAt"));
            assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(event.get("sequence").asText()).isEqualTo("1");

            JsonNode data = event.get("data");
            assertThat(data.get("incidentId").asText()).isEqualTo(id);
            assertThat(data.get("source").asText()).isEqualTo("webshop");
            assertThat(data.get("externalRef").asText()).isEqualTo("ORD-1234");
            assertThat(data.get("channel").asText()).isEqualTo("EMAIL");
            assertThat(data.get("category").asText()).isEqualTo("delivery");
            assertThat(data.get("severity").asText()).isEqualTo("HIGH");
            assertThat(data.get("public").asBoolean()).isFalse();
            assertThat(data.get("occurredAt").asText()).isEqualTo("2026-11-20T10:00:00.500Z");
            assertThat(data.get("reportedAt").asText()).isEqualTo(response.<String>path("reportedAt"));
            assertThat(data.get("customerRef").asText()).isEqualTo(response.<String>path("customerRef"));
            assertThat(data.get("locale").asText()).isEqualTo("nb-NO");

            assertThat(record.value()).doesNotContain("Kari", "Nordmann", "kari@example.no", "+4799999999",
                    "Wrong item delivered", "blue chair", customerId);
        }
    }

    @Test
    void appliesDefaultsForOptionalFields() {
        var body = IncidentBodies.valid();
        body.remove(List.of("externalRef", "category", "severity", "description", "occurredAt", "public"));
        IncidentBodies.customer(body).remove(List.of("name", "phone", "locale"));

        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(body.toString())
                .when().post("/incidents")
                .then().statusCode(201)
                .body("severity", equalTo("MEDIUM"))
                .body("public", equalTo(false))
                .body("category", nullValue())
                .body("externalRef", nullValue())
                .body("occurredAt", nullValue())
                .body("customer.locale", equalTo("en"))
                .body("customer.phone", nullValue());
    }

    /** Computed here independently of the service, with the local-development secret of %test. */
}
