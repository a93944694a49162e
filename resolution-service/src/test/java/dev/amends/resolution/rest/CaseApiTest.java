package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Channel;
import dev.amends.common.events.CloudEvent;
import dev.amends.common.events.EventData;
import dev.amends.common.events.EventType;
import dev.amends.common.events.IncidentReported;
import dev.amends.common.events.Severity;
import dev.amends.common.events.Topics;
import dev.amends.common.validation.RequestSchema;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.EventRecords;
import dev.amends.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the case API tests share: tokens, a case opened through the real topic, its events. */
abstract class CaseApiTest {

    @Inject
    protected ObjectMapper mapper;

    /** resolution-service's database: its outbox says when everything it wrote is published. */
    @Inject
    protected DataSource dataSource;

    protected RequestSpecification as(String agent) {
        return given().auth().oauth2(agent(agent)).contentType(ContentType.JSON);
    }

    protected static String agent(String name) {
        return AmendsTestStack.token(name, "agent");
    }

    /** Publishes an incident.reported to the real topic and waits for its case. */
    protected String openCase() {
        return openCase("k1:" + "1e".repeat(32));
    }

    /** The same for a case of that customer. */
    protected String openCase(String customerRef) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.INCIDENTS, id.toString(), "/intake-service", new IncidentReported(id, "webshop", null, Channel.EMAIL,
                null, Severity.MEDIUM, false, null, now, customerRef, "en"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(agent("ola")).get("/cases/" + id).then().statusCode(200));
        return id.toString();
    }

    /** Publishes the event to the real topic as its producing service would, keyed by {@code key}. */
    protected void publish(String topic, String key, String source, EventData data) {
        try {
            send(topic, key, mapper.writeValueAsString(CloudEvent.of(UUID.randomUUID(), source, key,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), 1, data)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a plain record (a null value is a tombstone). */
    protected static void send(String topic, String key, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                AmendsTestStack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(EventRecords.of(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's {@code count}-th event on amends.cases.v1: of the expected type and valid against its schema. */
    protected JsonNode lastEvent(String id, int count, EventType type) throws Exception {
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            List<ConsumerRecord<String, String>> records = cases.await(TopicReader.key(id), count, Duration.ofSeconds(30));
            String value = records.get(count - 1).value();
            assertThat(RequestSchema.load(type.schemaResource()).violations(value)).isEmpty();
            JsonNode event = mapper.readTree(value);
            assertThat(event.get("type").asText()).isEqualTo(type.type());
            return event;
        }
    }

    /** Every event of the case published so far (the outbox drained, the topic read to its end). */
    protected List<ConsumerRecord<String, String>> eventsFor(String id) {
        try (TopicReader cases = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.CASES)) {
            return cases.allPublished(dataSource, TopicReader.key(id));
        }
    }
}
