package dev.amends.common.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event catalogue (asyncapi/amends-events.yaml) lists what the code sends, no more and no less. */
class EventCatalogueTest {

    private final EventCatalogue catalogue = EventCatalogue.load();

    @Test
    void listsEveryEventTypeOfTheCodeAndNoOther() {
        assertThat(catalogue.eventTypes())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::type).toList());
    }

    @Test
    void putsEachEventTypeOnItsTopicWithTheFieldsOfItsSchema() {
        for (EventType type : EventType.values()) {
            EventCatalogue.Message message = catalogue.messages().stream()
                    .filter(candidate -> candidate.name().equals(type.type())).findFirst().orElseThrow();
            EventCatalogue.Topic topic = catalogue.topics().stream()
                    .filter(candidate -> candidate.messages().contains(message.id())).findFirst().orElseThrow();

            assertThat(topic.address()).as(type.type()).isEqualTo(type.topic());
            assertThat(message.fields()).as(type.type()).extracting(EventCatalogue.Field::name)
                    .containsExactlyInAnyOrderElementsOf(fieldsOf(type));
            assertThat(message.contentType()).isEqualTo("application/cloudevents+json");
        }
    }

    @Test
    void describesEveryTopicTheStackCreatesWithItsPartitionsAndRetention() {
        List<String> created = new ArrayList<>(Topics.ALL);
        created.add(Topics.COMMENTS);
        created.addAll(Topics.DEAD_LETTERS);

        assertThat(catalogue.topics()).extracting(EventCatalogue.Topic::address).containsExactlyInAnyOrderElementsOf(created);
        assertThat(catalogue.topics()).allSatisfy(topic -> {
            assertThat(topic.partitions()).as(topic.address()).isEqualTo(Topics.PARTITIONS);
            assertThat(topic.retentionMs()).as(topic.address()).isEqualTo(Topics.RETENTION_MS);
            assertThat(topic.sentBy()).as(topic.address()).isNotEmpty();
        });
        assertThat(catalogue.topics()).filteredOn(topic -> topic.address().equals(Topics.COMMENTS))
                .extracting(EventCatalogue.Topic::cleanupPolicy).containsExactly("compact");
    }

    @Test
    void namesThePersonalDataOfEveryMessageThatCarriesACustomerRef() {
        assertThat(catalogue.messages()).allSatisfy(message -> {
            if (message.fields().stream().anyMatch(field -> field.name().equals("customerRef"))) {
                assertThat(message.personalData()).as(message.name()).anyMatch(text -> text.startsWith("customerRef"));
            }
        });
    }

    /** The fields of the type's data record, as its JSON names them. */
    private static List<String> fieldsOf(EventType type) {
        return Arrays.stream(type.dataClass().getRecordComponents())
                .map(component -> component.getAccessor().isAnnotationPresent(JsonProperty.class)
                        ? component.getAccessor().getAnnotation(JsonProperty.class).value() : component.getName())
                .toList();
    }
}
