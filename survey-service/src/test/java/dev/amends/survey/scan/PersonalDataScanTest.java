package dev.amends.survey.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.testing.AmendsTestStack;
import dev.amends.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every other test of the three services' loop has run (Quarkus runs test classes in the
 * order of their names, and package {@code scan} sorts last): no event on any of the three topics
 * carries a customer's name, email address or phone number, and none carries a customer's
 * comment (those travel on the compacted comments topic, which erasure tombstones).
 */
@QuarkusTest
class PersonalDataScanTest {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern NAME = Pattern.compile("Kari|Nordmann|Erasure");

    @Test
    void noEventOnAnyTopicCarriesANameEmailOrPhone() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> found = new ArrayList<>();
        int events = 0;
        for (String topic : List.of(Topics.INCIDENTS, Topics.CASES, Topics.SURVEYS)) {
            try (TopicReader reader = new TopicReader(AmendsTestStack.kafkaBootstrapServers(), topic)) {
                for (ConsumerRecord<String, String> record : reader.toEnd(any -> true)) {
                    events++;
                    JsonNode event;
                    try {
                        event = mapper.readTree(record.value());
                    } catch (Exception malformed) {
                        continue; // the dead-letter tests' deliberately broken records
                    }
                    if (EventType.SURVEY_ANSWERED.type().equals(event.path("type").asText())
                            && !event.at("/data/comment").isNull()) {
                        found.add(topic + ": a comment in " + event);
                    }
                    String text = event.toString();
                    if (EMAIL.matcher(text).find() || PHONE.matcher(text).find() || NAME.matcher(text).find()) {
                        found.add(topic + ": " + text);
                    }
                }
            }
        }
        assertThat(events).as("events read").isGreaterThan(100);
        assertThat(found).isEmpty();
    }
}
