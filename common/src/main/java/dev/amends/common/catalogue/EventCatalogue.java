package dev.amends.common.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event catalogue, {@code asyncapi/amends-events.yaml} on the class path, with the JSON
 * Schemas its messages refer to: the topics, who sends and reads each, and every message with its
 * key, personal data and fields.
 */
public final class EventCatalogue {

    public static final String DOCUMENT = "asyncapi/amends-events.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final List<Topic> topics;
    private final List<Message> messages;

    private EventCatalogue(JsonNode document) {
        this.document = document;
        this.topics = readTopics();
        this.messages = readMessages();
    }

    public static EventCatalogue load() {
        return new EventCatalogue(read(YAML, DOCUMENT));
    }

    /** One topic. */
    public record Topic(String id, String address, String description, int partitions, String cleanupPolicy,
                        String retentionMs, List<String> sentBy, List<String> readBy, List<String> messages) {
    }

    /** One message type, and the fields of its data (or of the whole value, for plain JSON). */
    public record Message(String id, String name, String summary, String description, String contentType, String key,
                          List<String> personalData, List<Field> fields) {
    }

    /** One field of a message's data. */
    public record Field(String name, String type, boolean required, String description) {
    }

    public String title() {
        return document.path("info").path("title").asText();
    }

    public String version() {
        return document.path("info").path("version").asText();
    }

    public String description() {
        return document.path("info").path("description").asText().trim();
    }

    public List<Topic> topics() {
        return topics;
    }

    public List<Message> messages() {
        return messages;
    }

    private List<Topic> readTopics() {
        List<Topic> topics = new ArrayList<>();
        document.path("channels").fields().forEachRemaining(entry -> {
            JsonNode channel = entry.getValue();
            JsonNode kafka = channel.path("bindings").path("kafka");
            List<String> messages = new ArrayList<>();
            channel.path("messages").forEach(message -> messages.add(lastSegment(message.path("$ref").asText())));
            topics.add(new Topic(entry.getKey(), channel.path("address").asText(), channel.path("description").asText(),
                    kafka.path("partitions").asInt(),
                    kafka.path("topicConfiguration").path("cleanup.policy").path(0).asText(),
                    kafka.path("topicConfiguration").path("retention.ms").asText(),
                    services(entry.getKey(), "send"), services(entry.getKey(), "receive"), messages));
        });
        return topics;
    }

    private List<Message> readMessages() {
        List<Message> messages = new ArrayList<>();
        JsonNode traits = document.path("components").path("messageTraits");
        document.path("components").path("messages").fields().forEachRemaining(entry -> {
            JsonNode message = entry.getValue();
            String contentType = message.path("contentType").asText(null);
            for (JsonNode trait : message.path("traits")) {
                JsonNode used = traits.path(lastSegment(trait.path("$ref").asText()));
                contentType = contentType == null ? used.path("contentType").asText(null) : contentType;
            }
            List<String> personal = new ArrayList<>();
            message.path("x-personal-data").forEach(field -> personal.add(field.asText()));
            messages.add(new Message(entry.getKey(), message.path("name").asText(), message.path("summary").asText(),
                    message.path("description").asText(null), contentType,
                    message.path("bindings").path("kafka").path("key").path("description").asText(), personal,
                    fields(message.path("payload"))));
        });
        return messages;
    }

    /** The CloudEvents types the catalogue lists, such as {@code dev.amends.case.opened.v1}. */
    public List<String> eventTypes() {
        return messages().stream().map(Message::name).filter(name -> name.startsWith("dev.amends.")).toList();
    }

    private List<String> services(String channel, String action) {
        List<String> services = new ArrayList<>();
        document.path("operations").forEach(operation -> {
            if (operation.path("action").asText().equals(action)
                    && lastSegment(operation.path("channel").path("$ref").asText()).equals(channel)) {
                operation.path("tags").forEach(tag -> services.add(tag.path("name").asText()));
            }
        });
        return services;
    }

    private static List<Field> fields(JsonNode payload) {
        if (!payload.has("$ref")) {
            return List.of();
        }
        JsonNode schema = read(JSON, payload.get("$ref").asText().replaceFirst("^\\.\\./", ""));
        JsonNode fields = schema.path("properties").has("data") ? schema.path("properties").path("data") : schema;
        List<String> required = new ArrayList<>();
        fields.path("required").forEach(name -> required.add(name.asText()));
        List<Field> result = new ArrayList<>();
        fields.path("properties").fields().forEachRemaining(field -> result.add(new Field(field.getKey(),
                FieldTypes.describe(field.getValue()), required.contains(field.getKey()),
                field.getValue().path("description").asText(""))));
        return result;
    }

    private static String lastSegment(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("not on the class path: " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
