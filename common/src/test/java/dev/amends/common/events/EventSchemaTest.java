package dev.amends.common.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.amends.common.json.AmendsObjectMapperCustomizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event record serialises to a CloudEvent that its checked-in JSON Schema accepts, and no more. */
class EventSchemaTest {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /**
     * Fields added to types that existed before them (contract section 7): optional in the schema,
     * so that events published before them stay valid. Producers always write them.
     */
    private static final Set<String> ADDED_LATER = Set.of("owner", "origin", "disruptionId");

    private final ObjectMapper mapper = mapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyFieldFilledValidatesAgainstTheSchema(EventType type) throws Exception {
        String json = mapper.writeValueAsString(envelope(type, sample(type, Set.of())));

        assertThat(schema(type).validate(json, InputFormat.JSON)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void nullableFieldsMayBeNullButNeverAbsent(EventType type) throws Exception {
        Set<String> nullable = nullableFields(type);
        String json = mapper.writeValueAsString(envelope(type, sample(type, nullable)));

        assertThat(schema(type).validate(json, InputFormat.JSON)).isEmpty();
        JsonNode data = mapper.readTree(json).get("data");
        nullable.forEach(field -> assertThat(data.has(field)).as(field).isTrue());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRequiresEveryFieldOfTheRecordButThoseAddedLater(EventType type) throws Exception {
        Set<String> required = new HashSet<>();
        schemaJson(type).at("/properties/data/required").forEach(name -> required.add(name.asText()));
        Set<String> optional = new HashSet<>(jsonNames(type.dataClass()));
        optional.removeAll(required);

        assertThat(jsonNames(type.dataClass())).containsAll(required);
        assertThat(ADDED_LATER).containsAll(optional);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventPublishedBeforeAFieldWasAddedStillValidates(EventType type) throws Exception {
        ObjectNode event = mapper.valueToTree(envelope(type, sample(type, Set.of())));
        Set<String> required = new HashSet<>();
        schemaJson(type).at("/properties/data/required").forEach(name -> required.add(name.asText()));
        ADDED_LATER.stream().filter(field -> !required.contains(field)).forEach(((ObjectNode) event.get("data"))::remove);

        assertThat(schema(type).validate(event.toString(), InputFormat.JSON)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAnEventWithoutARequiredField(EventType type) throws Exception {
        ObjectNode event = mapper.valueToTree(envelope(type, sample(type, Set.of())));
        ((ObjectNode) event.get("data")).remove(jsonNames(type.dataClass()).iterator().next());
        event.put("time", "2026-11-20T10:00:01Z");

        assertThat(schema(type).validate(event.toString(), InputFormat.JSON)).hasSize(2);
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new AmendsObjectMapperCustomizer().customize(mapper);
        return mapper;
    }

    private static CloudEvent<EventData> envelope(EventType type, EventData data) {
        String source = switch (type.topic()) {
            case Topics.INCIDENTS -> "/intake-service";
            case Topics.CASES -> "/resolution-service";
            default -> "/survey-service";
        };
        return CloudEvent.of(UUID.randomUUID(), source, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 1, data);
    }

    /** A record of the type with every component set, except those named null. */
    private static EventData sample(EventType type, Set<String> nullJsonNames) throws Exception {
        RecordComponent[] components = type.dataClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = nullJsonNames.contains(jsonName(components[i])) ? null : sampleValue(components[i]);
        }
        return type.dataClass().getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(RecordComponent component) {
        Class<?> type = component.getType();
        return switch (component.getName()) {
            case "customerRef" -> "k1:" + "ab".repeat(32);
            case "customerRefs" -> List.of("k1:" + "ab".repeat(32), "k1:" + "cd".repeat(32));
            case "currency" -> "NOK";
            case "locale" -> "nb-NO";
            default -> {
                if (type == UUID.class) {
                    yield UUID.randomUUID();
                } else if (type == Instant.class) {
                    yield Instant.parse("2026-11-20T10:00:01.120Z");
                } else if (type == String.class) {
                    yield "text";
                } else if (type == int.class || type == Integer.class) {
                    yield 3;
                } else if (type == long.class) {
                    yield 3L;
                } else if (type == boolean.class) {
                    yield true;
                } else if (type == BigDecimal.class) {
                    yield new BigDecimal("200.00");
                } else if (type.isEnum()) {
                    yield type.getEnumConstants()[0];
                }
                throw new IllegalArgumentException("no sample for " + type);
            }
        };
    }

    private Set<String> nullableFields(EventType type) throws Exception {
        Set<String> nullable = new HashSet<>();
        schemaJson(type).at("/properties/data/properties").fields().forEachRemaining(field -> {
            if (field.getValue().path("type").toString().contains("\"null\"")) {
                nullable.add(field.getKey());
            }
        });
        return nullable;
    }

    private static Set<String> jsonNames(Class<?> record) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(jsonName(component));
        }
        return names;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null ? property.value() : component.getName();
    }

    private JsonNode schemaJson(EventType type) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as(type.schemaResource()).isNotNull();
            return mapper.readTree(in);
        }
    }

    private Schema schema(EventType type) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            return REGISTRY.getSchema(in, InputFormat.JSON);
        }
    }
}
