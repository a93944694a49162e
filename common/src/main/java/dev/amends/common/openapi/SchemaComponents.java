package dev.amends.common.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON Schema files a service validates with and answers by, as OpenAPI components: the
 * component {@code ReportIncident} is the file {@code schemas/requests/report-incident.json} (or
 * {@code schemas/responses/...}), so the document shows the very schema the code checks. A file's
 * {@code $ref} to a sibling file becomes a reference to that sibling's component.
 */
final class SchemaComponents {

    private static final List<String> FOLDERS = List.of("schemas/requests/", "schemas/responses/");
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "not", "if", "then", "else", "contains",
            "propertyNames", "additionalProperties", "unevaluatedProperties", "unevaluatedItems");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependentSchemas");
    private static final Set<String> INTEGERS = Set.of("minLength", "maxLength", "minItems", "maxItems",
            "minProperties", "maxProperties");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaComponents() {
    }

    /** The component's schema, and the names of the components it refers to. */
    record Loaded(Schema schema, List<String> references) {
    }

    static Optional<Loaded> load(String componentName) {
        String file = fileName(componentName);
        for (String folder : FOLDERS) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(folder + file)) {
                if (in != null) {
                    List<String> references = new ArrayList<>();
                    return Optional.of(new Loaded(model(JSON.readTree(in), references), references));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** {@code ReportIncident} → {@code report-incident.json}. */
    static String fileName(String componentName) {
        return componentName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".json";
    }

    /** {@code report-incident.json} → {@code ReportIncident}. */
    static String componentName(String fileName) {
        StringBuilder name = new StringBuilder();
        for (String word : fileName.replaceFirst("\\.json$", "").split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    private static Schema model(JsonNode node, List<String> references) {
        Schema schema = OASFactory.createSchema();
        node.properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "$schema", "$id" -> { }
                case "$ref" -> {
                    String component = componentName(value.asText().replaceFirst("^.*/", ""));
                    references.add(component);
                    schema.setRef("#/components/schemas/" + component);
                }
                case "type" -> schema.setType(types(value));
                default -> schema.set(key, keyword(key, value, references));
            }
        });
        return schema;
    }

    private static List<Schema.SchemaType> types(JsonNode value) {
        List<Schema.SchemaType> types = new ArrayList<>();
        for (JsonNode type : value.isArray() ? value : JSON.createArrayNode().add(value)) {
            types.add(Schema.SchemaType.valueOf(type.asText().toUpperCase(Locale.ROOT)));
        }
        return types;
    }

    private static Object keyword(String key, JsonNode value, List<String> references) {
        if (SCHEMA_VALUED.contains(key) && value.isObject()) {
            return model(value, references);
        }
        if (SCHEMA_LISTS.contains(key)) {
            List<Schema> schemas = new ArrayList<>();
            value.forEach(item -> schemas.add(model(item, references)));
            return schemas;
        }
        if (SCHEMA_MAPS.contains(key)) {
            Map<String, Schema> schemas = new LinkedHashMap<>();
            value.properties().forEach(entry -> schemas.put(entry.getKey(), model(entry.getValue(), references)));
            return schemas;
        }
        if (INTEGERS.contains(key)) {
            return value.intValue();
        }
        return plain(value);
    }

    private static Object plain(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return new BigDecimal(value.asText());
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            value.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (value.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            value.properties().forEach(entry -> fields.put(entry.getKey(), plain(entry.getValue())));
            return fields;
        }
        return value.isBoolean() ? value.booleanValue() : value.asText();
    }
}
