package dev.amends.intake.rest;

import dev.amends.common.events.Topics;
import dev.amends.intake.support.IncidentBodies;
import dev.amends.intake.support.Tokens;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The incident's event carries the request's trace id and the server span as parent. */
@QuarkusTest
class TracingTest {

    @Test
    void theIncidentsEventContinuesTheTraceOfTheRequest() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        String id = given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(IncidentBodies.valid().toString()).post("/incidents").then().statusCode(201).extract().path("id");

        try (TopicReader incidents = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            var record = incidents.await(TopicReader.key(id), 1, Duration.ofSeconds(30)).get(0);
            String traceparent = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
            assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(callerSpan);
        }
    }
}
