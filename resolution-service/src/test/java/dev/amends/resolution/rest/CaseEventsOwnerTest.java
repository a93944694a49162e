package dev.amends.resolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amends.common.events.EventType;
import dev.amends.common.validation.RequestSchema;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case.* event carries the case's current owner (contract section 7), so webhook receivers can route it. */
@QuarkusTest
class CaseEventsOwnerTest extends CaseApiTest {

    @Test
    void everyEventNamesTheOwnerAtItsTimeAndNullWhileUnowned() throws Exception {
        String id = openCase();
        String due = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        as("ola").body("{\"assignee\": \"per\"}").put("/cases/" + id + "/assignee").then().statusCode(200);
        as("ola").body("{\"owner\": \"kari\", \"reason\": \"delivery team\"}").put("/cases/" + id + "/owner")
                .then().statusCode(200);
        as("ola").body("{\"apology\": true}").post("/cases/" + id + "/acknowledgement").then().statusCode(200);
        as("ola").body("{\"status\": \"IN_PROGRESS\"}").post("/cases/" + id + "/status").then().statusCode(200);
        String promise = as("ola").body("{\"description\": \"We call you\", \"dueAt\": \"" + due + "\"}")
                .post("/cases/" + id + "/promises").then().statusCode(201).extract().path("id");
        as("ola").body("{}").post("/cases/" + id + "/promises/" + promise + "/kept").then().statusCode(200);
        as("ola").body("{\"kind\": \"GIFT\", \"amount\": 0, \"currency\": \"NOK\", \"description\": \"Flowers\"}")
                .post("/cases/" + id + "/compensations").then().statusCode(201);
        as("ola").body("{\"outcome\": \"FIXED\", \"summary\": \"Done\", \"cause\": \"SUPPLIER\", \"expectedVerdict\": \"YES\"}")
                .post("/cases/" + id + "/resolution").then().statusCode(200);
        as("ola").body("{\"reason\": \"Called back\"}").post("/cases/" + id + "/reopen").then().statusCode(200);

        List<String> owners = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> record : eventsFor(id)) {
            JsonNode event = mapper.readTree(record.value());
            EventType type = EventType.of(event.get("type").asText()).orElseThrow();
            assertThat(RequestSchema.load(type.schemaResource()).violations(record.value())).as(type.type()).isEmpty();
            assertThat(event.get("data").has("owner")).as(type.type()).isTrue();
            types.add(type.type());
            owners.add(event.at("/data/owner").isNull() ? null : event.at("/data/owner").asText());
        }

        assertThat(types).containsExactly(EventType.CASE_OPENED.type(), EventType.CASE_ASSIGNEE_CHANGED.type(),
                EventType.CASE_OWNER_CHANGED.type(), EventType.CASE_ACKNOWLEDGED.type(), EventType.CASE_STATUS_CHANGED.type(),
                EventType.CASE_PROMISE_MADE.type(), EventType.CASE_PROMISE_KEPT.type(),
                EventType.CASE_COMPENSATION_OFFERED.type(), EventType.CASE_RESOLVED.type(), EventType.CASE_REOPENED.type());
        assertThat(owners).containsExactly(null, null, "kari", "kari", "kari", "kari", "kari", "kari", "kari", "kari");
    }
}
