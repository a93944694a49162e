package dev.amends.intake.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.Topics;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.local.servers.LocalKafka;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.amends.common.outbox.OutboxRelay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A 201 is never lost: with the broker killed, intake keeps answering and publishes everything once it is back. */
@QuarkusTest
@TestProfile(KafkaOutageTest.PrivateBroker.class)
class KafkaOutageTest {

    private static final int DURING_OUTAGE = 20;

    /** This test kills its own broker; the other tests never see the outage. */
    public static class PrivateBroker implements QuarkusTestProfile, AmendsTestStack.PrivateKafka {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("amends.outbox.send-timeout", "PT3S", "amends.outbox.retry-backoff", "PT0.5S");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void acceptsIncidentsWhileKafkaIsDownAndPublishesEachOnceItIsBack() throws Exception {
        LocalKafka kafka = AmendsTestStack.privateKafka();
        List<String> ids = new ArrayList<>();
        ids.add(report());

        kafka.kill();
        for (int i = 0; i < DURING_OUTAGE; i++) {
            ids.add(report());
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/group/kafka").then().statusCode(503));
        Rows rows = new Rows(dataSource);
        for (String id : ids) {
            assertThat(rows.count("select count(*) from incident where id = ?::uuid", id)).isEqualTo(1);
        }
        assertThat(rows.count("select count(*) from outbox_event")).isGreaterThanOrEqualTo(DURING_OUTAGE);

        kafka.restart();

        try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            for (String id : ids) {
                topic.await(TopicReader.key(id), 1, Duration.ofSeconds(60));
            }
            List<ConsumerRecord<String, String>> records = topic.allPublished(dataSource,
                    record -> ids.contains(record.key()));
            Map<String, Set<String>> eventIdsByIncident = records.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(this::eventId, Collectors.toSet())));
            assertThat(eventIdsByIncident).hasSize(ids.size());
            eventIdsByIncident.forEach((incident, eventIds) -> assertThat(eventIds).as(incident).hasSize(1));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/group/kafka").then().statusCode(200));
        assertThat(rows.count("select count(*) from outbox_event")).isZero();
    }

    @Test
    void theKafkaCheckFailsWithinThirtySecondsOnAReplicaWhoseRelayCannotSend() throws Exception {
        LocalKafka kafka = AmendsTestStack.privateKafka();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/group/kafka").then().statusCode(200));
        // Another replica's relay holds the lock: this one never sends, so it never sees Kafka fail.
        try (Connection otherReplica = dataSource.getConnection();
             PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, OutboxRelay.RELAY_LOCK);
            lock.execute();
            report();
            kafka.kill();
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        given().when().get("/q/health/group/kafka").then().statusCode(503).body("status", equalTo("DOWN")));
                given().when().get("/q/health/ready").then().statusCode(200);
            } finally {
                kafka.restart();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/q/health/group/kafka").then().statusCode(200));
        }
    }

    private String report() {
        return given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body(IncidentBodies.valid().toString())
                .when().post("/incidents")
                .then().statusCode(201).extract().path("id");
    }

    private String eventId(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value()).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
