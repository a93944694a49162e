package dev.amends.intake.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.support.Disruptions;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** POST /disruptions/{id}/affected: NDJSON or a JSON array, all or nothing, each customer once (contract section 8). */
@QuarkusTest
class AffectedCustomersTest {

    private static final Instant STARTED = Instant.parse("2026-11-30T08:00:00Z");

    @Inject
    ObjectMapper mapper;
    @Inject
    DataSource dataSource;

    @Test
    void addsEachCustomerOnceWhetherSentAsNdjsonOrAsAnArray() throws Exception {
        String source = Disruptions.source();
        String id = Disruptions.declare(source, STARTED, null);
        List<String> customers = Disruptions.customers(3);

        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.ndjson(customers)))
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(200).body("received", equalTo(3)).body("added", equalTo(3)).body("alreadyAffected", equalTo(0));
        List<String> again = List.of(customers.get(0), customers.get(1), customers.get(2), "C-new-" + UUID.randomUUID(),
                customers.get(0));
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(Disruptions.array(again))
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(200).body("received", equalTo(5)).body("added", equalTo(1)).body("alreadyAffected", equalTo(4));

        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + id).then().body("affected", equalTo(4));
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<ConsumerRecord<String, String>> events = incidents.allPublished(dataSource, TopicReader.key(id));
            List<JsonNode> affected = events.stream().map(this::json)
                    .filter(event -> event.get("type").asText().equals(EventType.DISRUPTION_CUSTOMERS_AFFECTED.type())).toList();
            assertThat(affected).hasSize(2);
            assertThat(affected.get(0).at("/data/customerRefs")).hasSize(3);
            assertThat(affected.get(0).at("/data/affectedTotal").asLong()).isEqualTo(3);
            assertThat(affected.get(1).at("/data/customerRefs").get(0).asText())
                    .isEqualTo(IncidentBodies.customerRef(source, again.get(3)));
            assertThat(affected.get(1).at("/data/affectedTotal").asLong()).isEqualTo(4);
            for (ConsumerRecord<String, String> event : events) {
                assertThat(event.value()).doesNotContain("kari@example.no").doesNotContain("Kari").doesNotContain(customers.get(0));
            }
            assertThat(RequestSchema.load(EventType.DISRUPTION_CUSTOMERS_AFFECTED.schemaResource())
                    .violations(affected.get(0).toString())).isEmpty();
        }
    }

    @Test
    void refusesTheWholeListNamingEveryBadLineAndStoresNothing() {
        String id = Disruptions.declare(Disruptions.source(), STARTED, null);
        var before = new Rows(dataSource).footprint();
        String body = Disruptions.entry("C-1") + "\n"
                + Disruptions.entry("C-2").replace("kari@example.no", "not-an-email") + "\n"
                + "{\"externalRef\": \"ORD-3\"}\n"
                + Disruptions.entry("C-4").replace("\"locale\"", "\"colour\"") + "\n";

        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(Disruptions.utf8(body))
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("line 2: customer.email", "line 3: customer",
                        "line 4: customer.colour"));
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body("[" + Disruptions.entry("C-1") + ", {\"customer\": {\"id\": \"C-2\"}}]")
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(400).body("violations.field", equalTo(List.of("line 2: customer.email")));
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON).body(Disruptions.entry("C-1"))
                .post("/disruptions/" + id + "/affected").then().statusCode(400);
        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.entry("C-1") + "\n{\"customer\": "))
                .post("/disruptions/" + id + "/affected").then().statusCode(400).body("detail", containsString("not valid JSON"));
        byte[] overlong = Disruptions.utf8(Disruptions.entry("C-1").replace("Kari", "K\u00e5ri"));
        int at = new String(overlong, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('\u00c3');
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(overlong)
                .post("/disruptions/" + id + "/affected").then().statusCode(400).body("violations.field", equalTo(List.of("body")));
        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(Disruptions.utf8(""))
                .post("/disruptions/" + id + "/affected").then().statusCode(400);
        given().auth().oauth2(Tokens.reporter()).contentType(ContentType.TEXT).body(Disruptions.entry("C-1"))
                .post("/disruptions/" + id + "/affected").then().statusCode(415);
        given().auth().oauth2(Tokens.reporter("another-system")).contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.entry("C-1")))
                .post("/disruptions/" + id + "/affected").then().statusCode(404);
        given().auth().oauth2(Tokens.agent()).contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.entry("C-1")))
                .post("/disruptions/" + id + "/affected").then().statusCode(403);

        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);
    }

    @Test
    void takesTenThousandCustomersInOneRequestAndPublishesThemAThousandPerEvent() throws Exception {
        String id = Disruptions.declare(Disruptions.source(), STARTED, null);

        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.ndjson(Disruptions.customers(10_000))))
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(200).body("received", equalTo(10_000)).body("added", equalTo(10_000));

        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            List<JsonNode> affected = incidents.allPublished(dataSource, TopicReader.key(id)).stream().map(this::json)
                    .filter(event -> event.get("type").asText().equals(EventType.DISRUPTION_CUSTOMERS_AFFECTED.type())).toList();
            assertThat(affected).hasSize(10);
            Set<String> refs = new HashSet<>();
            affected.forEach(event -> {
                assertThat(event.at("/data/customerRefs").size()).isEqualTo(1000);
                assertThat(event.at("/data/affectedTotal").asLong()).isEqualTo(10_000);
                event.at("/data/customerRefs").forEach(ref -> refs.add(ref.asText()));
            });
            assertThat(refs).hasSize(10_000);
        }
    }

    @Test
    void refusesTenThousandCustomersForOneBadLineNamingItAndStoresNone() {
        String id = Disruptions.declare(Disruptions.source(), STARTED, null);
        var before = new Rows(dataSource).footprint();
        List<String> lines = new ArrayList<>(Disruptions.customers(10_000).stream().map(Disruptions::entry).toList());
        lines.set(7_776, lines.get(7_776).replace("kari@example.no", "kari@"));

        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson")
                .body(Disruptions.utf8(String.join("\n", lines) + "\n")).post("/disruptions/" + id + "/affected")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("line 7777: customer.email")));

        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);
    }

    @Test
    void refusesMoreThanTenThousandEntriesOrEightMebibytesWith413() {
        String id = Disruptions.declare(Disruptions.source(), STARTED, null);
        var before = new Rows(dataSource).footprint();

        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(Disruptions.utf8(Disruptions.ndjson(Disruptions.customers(10_001))))
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(413).contentType("application/problem+json");
        byte[] line = (Disruptions.entry("C-" + UUID.randomUUID()) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] overEightMiB = new byte[8 * 1024 * 1024 + 1];
        java.util.Arrays.fill(overEightMiB, (byte) ' ');
        System.arraycopy(line, 0, overEightMiB, 0, line.length);
        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(overEightMiB)
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(413).contentType("application/problem+json");
        InputStream chunked = new SequenceInputStream(new ByteArrayInputStream(line), new ByteArrayInputStream(overEightMiB));
        given().auth().oauth2(Tokens.reporter()).contentType("application/x-ndjson").body(chunked)
                .post("/disruptions/" + id + "/affected")
                .then().statusCode(413).contentType("application/problem+json");

        assertThat(new Rows(dataSource).footprint()).isEqualTo(before);
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + id).then().body("affected", equalTo(0));
    }

    @Test
    void erasureRemovesTheContactFromEveryListButKeepsTheCustomerCounted() {
        String source = Disruptions.source();
        String id = Disruptions.declare(source, STARTED, null);
        String customer = "C-" + UUID.randomUUID();
        Disruptions.addAffected(id, List.of(customer));
        Rows rows = new Rows(dataSource);
        assertThat(rows.count("select count(*) from affected_customer where customer_id = ? and customer_email is not null", customer))
                .isEqualTo(1);

        given().auth().oauth2(Tokens.agent()).queryParam("source", source)
                .delete("/customers/" + customer + "/personal-data").then().statusCode(204);

        assertThat(rows.count("""
                select count(*) from affected_customer where customer_id = ? and customer_name is null
                  and customer_email is null and customer_phone is null and personal_data_erased_at is not null""", customer))
                .isEqualTo(1);
        given().auth().oauth2(Tokens.agent()).get("/disruptions/" + id).then().body("affected", equalTo(1))
                .body("summary", equalTo("Parcels of batch 17 delayed")).body("endedAt", nullValue());
        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            incidents.await(TopicReader.key(IncidentBodies.customerRef(source, customer)), 1, Duration.ofSeconds(30));
        }
    }

    private JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
