package dev.amends.intake.rest;

import dev.amends.common.outbox.OutboxRelay;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Rows;
import dev.amends.intake.support.Tokens;
import dev.amends.local.TopicReader;
import dev.amends.local.AmendsTestStack;
import dev.amends.common.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** While another relay (here: this test) holds the relay lock, this service's relay sends nothing. */
@QuarkusTest
class OutboxRelayLockTest {

    @Inject
    DataSource dataSource;

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
            id = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                    .body(IncidentBodies.valid().toString())
                    .when().post("/incidents").then().statusCode(201).extract().path("id");

            try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
                assertThat(topic.after(Duration.ofSeconds(3), record -> id.equals(record.key()))).isEmpty();
            }
            assertThat(rows.count("select count(*) from outbox_event where message_key = ?", id)).isEqualTo(1);
            otherRelay.commit();
        }

        try (TopicReader topic = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            assertThat(topic.await(TopicReader.key(id), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }
}
