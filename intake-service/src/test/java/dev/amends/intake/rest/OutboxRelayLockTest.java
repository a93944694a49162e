package dev.amends.intake.rest;

import dev.amends.common.events.Topics;
import dev.amends.common.outbox.OutboxRelay;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While another relay (here: this test) holds the relay lock, this service's relay sends nothing. */
@QuarkusTest
class OutboxRelayLockTest {

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void onlyTheRelayHoldingTheAdvisoryLockPublishes() throws Exception {
        Rows rows = new Rows(dataSource);
        String id;
        try (Connection otherRelay = dataSource.getConnection()) {
            otherRelay.setAutoCommit(false);
            try (PreparedStatement lock = otherRelay.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK);
                lock.execute();
            }
            double standbyBefore = standbyChecks();
            id = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                    .body(IncidentBodies.valid().toString())
                    .when().post("/incidents").then().statusCode(201).extract().path("id");

            // Two checks after the 201: at least one began after the incident's row was committed.
            await().atMost(Duration.ofSeconds(30)).until(() -> standbyChecks() >= standbyBefore + 2);
            try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
                assertThat(topic.toEnd(TopicReader.key(id))).isEmpty();
            }
            assertThat(rows.count("select count(*) from outbox_event where message_key = ?", id)).isEqualTo(1);
            otherRelay.commit();
        }

        try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            assertThat(topic.await(TopicReader.key(id), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    private double standbyChecks() {
        return metrics.get("amends.outbox.relay.standby").counter().count();
    }
}
